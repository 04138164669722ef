import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { OperationIndex, type JsonSchema, type OperationDefinition, type ParameterDefinition } from './operation-index'

/** The parts of `@botpress/api`'s `runtime.state` or `admin.state` that the contract reads. */
export type ApiState = {
  operations: Record<string, unknown>
  schemas: Record<string, { schema: JsonSchema }>
  errors: { status: number; type: string }[]
}

export type HttpRequest = {
  method: string
  /** Path and query string, as on the request line. */
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** What the definition says of one request: which operation it is, and what breaks it (empty when valid). */
export type RequestVerdict = { operation?: string; pathParams: Record<string, string>; problems: string[] }

const SHARED = 'botpress-api'

/** Schemas refer to `#/components/schemas/X`; once registered under one id, every schema can reach them. */
const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (typeof value !== 'object' || value === null) return value
  // The Files API's definition writes `nullable` on a schema of any type (`{}`), which Ajv reads only
  // beside a `type`: there it allows what `{}` allows already, so it is dropped.
  const entries = Object.entries(value).filter(([key]) => key !== 'nullable' || 'type' in value)
  return Object.fromEntries(
    entries.map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `${SHARED}${inner}` : rewriteRefs(inner),
    ])
  )
}

const describe = (where: string, errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => {
    const field = `${where}${error.instancePath.replace(/\//g, '.')}`
    if (error.keyword === 'additionalProperties') {
      return `${field} has the unknown field "${String(error.params.additionalProperty)}"`
    }
    return `${field} ${error.message ?? 'is invalid'}`
  })

/** Botpress's error answers: `{ id, code, type, message }`, with a type the definition lists for that status. */
const errorSchema = (errors: ApiState['errors']): JsonSchema => ({
  type: 'object',
  properties: {
    id: { type: 'string' },
    code: { type: 'integer' },
    type: { type: 'string', enum: [...new Set(errors.map((e) => e.type))] },
    message: { type: 'string' },
  },
  required: ['id', 'code', 'type', 'message'],
  additionalProperties: false,
})

/**
 * Botpress's published API definition as a judge: tells which operation an HTTP request is for, whether the
 * request is valid (path, query, required headers, body with its limits) and whether an answer to it is.
 */
export class ApiContract {
  private readonly index: OperationIndex
  private readonly ajv: Ajv
  private readonly compiled = new Map<JsonSchema, ValidateFunction>()
  private readonly errorStatuses: Map<string, number>
  private readonly errorValidator: ValidateFunction

  public constructor(state: ApiState) {
    this.index = new OperationIndex(state.operations as Record<string, OperationDefinition>)
    // `nullable` is OpenAPI's; Ajv understands it. Descriptions carry no rules, so unknown keywords are fine.
    this.ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(this.ajv)
    const schemas = Object.fromEntries(Object.entries(state.schemas).map(([name, { schema }]) => [name, schema]))
    this.ajv.addSchema(rewriteRefs({ $id: SHARED, components: { schemas } }) as JsonSchema)
    this.errorStatuses = new Map(state.errors.map((error) => [error.type, error.status]))
    this.errorValidator = this.ajv.compile(errorSchema(state.errors))
  }

  public hasOperation(name: string): boolean {
    return this.index.get(name) !== undefined
  }

  public checkRequest(request: HttpRequest): RequestVerdict {
    const url = new URL(request.url, 'http://api')
    const matched = this.index.match(request.method, url.pathname)
    if (!matched) {
      return { pathParams: {}, problems: [`${request.method} ${url.pathname} is no operation of the definition`] }
    }
    const { operation, pathParams } = matched
    const parameters = Object.entries(operation.parameters ?? {})
    const problems = [
      ...parameters.flatMap(([name, p]) => this.checkParameter(name, p, request, url.searchParams, pathParams)),
      ...this.unknownQueryParameters(url.searchParams, parameters),
      ...this.checkBody(operation, request),
    ]
    return { operation: operation.name, pathParams, problems }
  }

  /** Problems of an answer to `operation`: a 2xx against the response schema, any other against the error shape. */
  public checkResponse(operationName: string, status: number, body: string): string[] {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return [`the answer is not JSON: ${body.slice(0, 80)}`]
    }
    if (status >= 200 && status < 300) {
      const operation = this.operation(operationName)
      return this.validate(operation.response.schema, json, 'response')
    }
    const problems = this.errorValidator(json) ? [] : describe('error', this.errorValidator.errors)
    const { type, code } = json as { type?: string; code?: number }
    const expected = type === undefined ? undefined : this.errorStatuses.get(type)
    if (expected !== undefined && (expected !== status || code !== status)) {
      problems.push(`error type ${type} is answered with HTTP ${expected}, not ${status} (code ${String(code)})`)
    }
    return problems
  }

  private operation(name: string): OperationDefinition {
    const found = this.index.get(name)
    if (!found) throw new Error(`No operation ${name} in the definition`)
    return found
  }

  private checkParameter(
    name: string,
    parameter: ParameterDefinition,
    request: HttpRequest,
    query: URLSearchParams,
    pathParams: Record<string, string>
  ): string[] {
    if (parameter.in === 'header') {
      const present = request.headers[name.toLowerCase()] !== undefined
      return parameter.required && !present ? [`the header ${name} is required`] : []
    }
    if (parameter.in === 'path') {
      const value = pathParams[name]
      return parameter.enum && value !== undefined && !parameter.enum.includes(value)
        ? [`the path parameter ${name} must be one of ${parameter.enum.join(', ')}`]
        : []
    }
    if (parameter.type === 'object') return []
    const values = query.getAll(name)
    if (parameter.required && values.length === 0) return [`the query parameter ${name} is required`]
    if (parameter.type === 'string' && values.length > 1 && !parameter.schema) {
      return [`the query parameter ${name} is given ${values.length} times`]
    }
    return values.flatMap((value) =>
      parameter.enum && !parameter.enum.includes(value)
        ? [`the query parameter ${name} must be one of ${parameter.enum.join(', ')}`]
        : parameter.type === 'number' && !Number.isFinite(Number(value))
          ? [`the query parameter ${name} must be a number`]
          : []
    )
  }

  /** Object parameters (`tags`) travel as `tags.key=value` or `tags[key]=value`. */
  private unknownQueryParameters(query: URLSearchParams, parameters: [string, ParameterDefinition][]): string[] {
    const known = new Set(parameters.filter(([, p]) => p.in === 'query').map(([name]) => name))
    return [...new Set(query.keys())]
      .filter((key) => !known.has(key.split(/[.[]/)[0] ?? key))
      .map((key) => `the query parameter ${key} is not part of the operation`)
  }

  private checkBody(operation: OperationDefinition, request: HttpRequest): string[] {
    if (!operation.requestBody) return []
    let json: unknown
    try {
      json = request.body ? JSON.parse(request.body) : {}
    } catch {
      return ['the body is not valid JSON']
    }
    return this.validate(operation.requestBody.schema, json, 'body')
  }

  private validate(schema: JsonSchema, value: unknown, where: string): string[] {
    let validator = this.compiled.get(schema)
    if (!validator) {
      validator = this.ajv.compile(rewriteRefs(schema) as JsonSchema)
      this.compiled.set(schema, validator)
    }
    return validator(value) ? [] : describe(where, validator.errors)
  }
}
