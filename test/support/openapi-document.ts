import { resolve } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { parse as parseYaml } from 'yaml'

/** The public contract, as users read it. */
export const OPENAPI_PATH = resolve(__dirname, '..', '..', 'openapi.yaml')

const DOC_ID = 'openapi.yaml'

type Node = Record<string, unknown>
type Headers = Record<string, string | string[] | undefined>

/** One answer of the webhook URL, with the path under it as requested (empty for the URL itself). */
export type Answer = {
  method: string
  path: string
  status: number
  headers: Headers
  body: string
}

/** One delivery as the response endpoint received it. */
export type Delivery = { headers: Headers; raw: string }

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** The webhook that describes a delivery, by the delivery's `type`. */
const webhookFor = (type: unknown) => (type === 'ping' ? 'connectionCheck' : type === 'event' ? 'event' : 'message')

/** Header names are case-insensitive. */
const headerValue = (headers: Headers, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : headers[key]
  return Array.isArray(value) ? value.join(', ') : value
}

/** The errors worth reading: a failed `oneOf` lists every branch's `const`, which only repeats the others. */
const describe = (where: string, errors: ErrorObject[] | null | undefined): string[] => {
  const all = errors ?? []
  const telling = all.filter((e) => !['const', 'oneOf', 'if'].includes(e.keyword))
  return [
    ...new Set(
      (telling.length ? telling : all).map((error) => {
        const field = `${where}${error.instancePath.replace(/\//g, '.')}`
        if (error.keyword === 'additionalProperties') {
          return `${field} has the field "${String(error.params.additionalProperty)}", which the document does not describe`
        }
        return `${field} ${error.message ?? 'is invalid'}`
      })
    ),
  ]
}

/**
 * openapi.yaml as a judge of real traffic: says what, in one answer of the webhook or one delivery, breaks
 * the document (empty when nothing does). Schemas are compiled once, on first use.
 */
export class OpenApiDocument {
  private readonly ajv = new Ajv2020({ allErrors: true })
  private readonly validators = new Map<string, ValidateFunction>()

  private constructor(private readonly doc: Node) {
    addFormats(this.ajv)
    // The document's own keys are no schema keywords: declared, so a schema inside it can be reached by pointer.
    this.ajv.addVocabulary(Object.keys(doc))
    this.ajv.addSchema(doc, DOC_ID)
  }

  /** Parses the document (YAML) with the same tool that validates it in the tests. */
  public static async load(path = OPENAPI_PATH): Promise<OpenApiDocument> {
    return new OpenApiDocument((await SwaggerParser.parse(path)) as unknown as Node)
  }

  /** Compiles every shared schema, so a schema that is not valid JSON Schema 2020-12 throws even if no traffic uses it. */
  public compileEverySchema(): void {
    for (const name of Object.keys(this.node('/components/schemas') ?? {}))
      this.validator(`/components/schemas/${name}`)
  }

  public checkAnswer(answer: Answer): string[] {
    const where = `${answer.method} ${answer.path || '/'} → ${answer.status}`
    const { response, problem } = this.responseFor(answer)
    if (!response) return [`${where}: ${problem}`]
    return [
      ...this.checkHeaders(where, response, answer.headers),
      ...this.checkContent(where, `${response}/content`, answer.headers, answer.body),
    ]
  }

  public checkDelivery({ headers, raw }: Delivery): string[] {
    let type: unknown
    try {
      type = (JSON.parse(raw) as { type?: unknown }).type
    } catch {
      return [`a delivery's body is not JSON: ${raw.slice(0, 80)}`]
    }
    const operation = `/webhooks/${webhookFor(type)}/post`
    const where = `delivery (${webhookFor(type)})`
    return [
      ...this.checkParameters(where, operation, headers),
      ...this.checkContent(where, `${operation}/requestBody/content`, headers, raw),
    ]
  }

  /** The document's path for a requested one: itself, or with one trailing slash (`''` for `/`). */
  private documentedPath(requested: string): string | undefined {
    return Object.keys(this.node('/paths') ?? {}).find(
      (path) => requested === path || requested === (path === '/' ? '' : `${path}/`)
    )
  }

  /** The pointer of the response the document gives for this answer, or why there is none. */
  private responseFor({ method, path, status }: Answer): { response?: string; problem?: string } {
    const documented = this.documentedPath(path)
    // Paths and methods the document does not list are answered as its description says: 404 and 405.
    if (!documented) return this.expected(status, 404, '/components/responses/NotFound', 'an undocumented path')
    const pathPointer = `/paths/${escapePointer(documented)}`
    const operation = `${pathPointer}/${method.toLowerCase()}`
    if (!this.node(operation)) {
      return this.expected(status, 405, '/components/responses/MethodNotAllowed', 'an undocumented method')
    }
    const responses = this.node(`${operation}/responses`) ?? {}
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses)
    if (!key) return { problem: `the document lists no ${status} answer for this operation` }
    return { response: this.follow(`${operation}/responses/${key}`) }
  }

  private expected(status: number, expected: number, response: string, what: string) {
    return status === expected ? { response } : { problem: `${what} must be answered ${expected}` }
  }

  private checkHeaders(where: string, response: string, headers: Headers): string[] {
    const documented = this.node(`${response}/headers`) ?? {}
    return Object.keys(documented).flatMap((name) =>
      this.checkHeader(where, this.follow(`${response}/headers/${escapePointer(name)}`), name, headers)
    )
  }

  private checkParameters(where: string, operation: string, headers: Headers): string[] {
    const parameters = (this.node(operation)?.parameters ?? []) as unknown[]
    return parameters.flatMap((_, i) => {
      const pointer = this.follow(`${operation}/parameters/${i}`)
      const parameter = this.node(pointer) as { name: string; in: string }
      return parameter.in === 'header' ? this.checkHeader(where, pointer, parameter.name, headers) : []
    })
  }

  /** A header object or header parameter: present when required, and valid when present. */
  private checkHeader(where: string, pointer: string, name: string, headers: Headers): string[] {
    const value = headerValue(headers, name)
    if (value === undefined) return this.node(pointer)?.required ? [`${where}: the header ${name} is missing`] : []
    const validate = this.validator(`${pointer}/schema`)
    return validate(value) ? [] : describe(`${where}: header ${name}`, validate.errors)
  }

  private checkContent(where: string, contentPointer: string, headers: Headers, body: string): string[] {
    const content = this.node(contentPointer)
    if (!content) return body ? [`${where}: has a body, which the document does not describe`] : []
    const mediaType = (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!(mediaType in content)) return [`${where}: Content-Type "${mediaType}" is not one the document lists`]
    const yaml = mediaType === 'application/yaml'
    let parsed: unknown
    try {
      parsed = yaml ? parseYaml(body) : JSON.parse(body)
    } catch {
      return [`${where}: the body is not ${yaml ? 'YAML' : 'JSON'}`]
    }
    const validate = this.validator(`${contentPointer}/${escapePointer(mediaType)}/schema`)
    return validate(parsed) ? [] : describe(`${where}: body`, validate.errors)
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer)
    if (!validate) {
      validate = this.ajv.getSchema(`${DOC_ID}#${pointer}`)
      if (!validate) throw new Error(`openapi.yaml has no schema at ${pointer}`)
      this.validators.set(pointer, validate)
    }
    return validate
  }

  /** The pointer behind a `$ref` to a shared response, parameter or header (ajv follows those of schemas itself). */
  private follow(pointer: string): string {
    const ref = this.node(pointer)?.$ref
    return typeof ref === 'string' ? this.follow(ref.replace(/^#/, '')) : pointer
  }

  private node(pointer: string): Node | undefined {
    let node: unknown = this.doc
    for (const part of pointer.split('/').slice(1)) {
      if (typeof node !== 'object' || node === null) return undefined
      node = (node as Node)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    }
    return typeof node === 'object' && node !== null ? (node as Node) : undefined
  }
}
