import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { channels, CHANNEL } from '../definitions'
import { LIMITS } from '../definitions/limits'
import { configuration } from '../definitions/configuration'
import { RESERVED_HEADERS } from '../src/outbound/delivery-settings'
import {
  HTTP_URL_PATTERN,
  inboundMessageSchema,
  MEDIA_URL_PATTERN,
  MIME_TYPE_PATTERN,
  FILE_NAME_PATTERN,
} from '../src/inbound/request/request-schemas'
import { CONNECTION_CHECK } from '../src/outbound/bodies'
import { OPENAPI_PATH, OpenApiDocument } from './support/openapi-document'
import { PAYLOADS } from './support/payloads'

type Schema = {
  description?: string
  oneOf?: Schema[]
  anyOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: unknown
  enum?: string[]
  const?: string
  maxLength?: number
  maximum?: number
  pattern?: string
  allOf?: Schema[]
}
type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
type Document = {
  components: { schemas: Record<string, Schema>; parameters: Record<string, { name: string; description: string }> }
  paths: Record<string, Record<string, Operation>>
}

let document: OpenApiDocument
let dereferenced: Document

beforeAll(async () => {
  document = await OpenApiDocument.load()
  dereferenced = (await SwaggerParser.dereference(OPENAPI_PATH)) as unknown as Document
})

const schema = (name: string): Schema => dereferenced.components.schemas[name]!
const ROOT = resolve(__dirname, '..')
const hub = readFileSync(resolve(ROOT, 'hub.md'), 'utf8')
const run = promisify(execFile)

/** The shapes of a message the webhook takes: one per message type, then one for a type of your own. */
const messageShapes = (): Schema[] => schema('SendMessageRequest').oneOf!.flatMap((shape) => shape.oneOf ?? [shape])

type Example = { at: string; schema: string; value: unknown }
/** Keywords whose values are named schemas, so a key `example` there is a property, not an example. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas'])
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')
const nodeAt = (root: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      root
    )

/**
 * Every example the document gives, with the pointer of the schema it shows: a media type's, parameter's or
 * header's `example` and `examples` (by name, or by `$ref`) for its `schema`, and a schema's own `examples`.
 */
const examplesOf = (root: unknown, node: unknown = root, at = '', key = ''): Example[] => {
  if (typeof node !== 'object' || node === null) return []
  const object = node as Record<string, unknown>
  const found: Example[] = []
  const isMap = SCHEMA_MAPS.has(key)
  if (!isMap && !Array.isArray(node)) {
    if ('schema' in object) {
      if ('example' in object) found.push({ at: `${at}/example`, schema: `${at}/schema`, value: object.example })
      for (const [name, example] of Object.entries(
        (object.examples ?? {}) as Record<string, Record<string, unknown>>
      )) {
        const ref = example.$ref
        const resolved = (typeof ref === 'string' ? nodeAt(root, ref.slice(1)) : example) as { value?: unknown }
        found.push({ at: `${at}/examples/${escapePointer(name)}`, schema: `${at}/schema`, value: resolved.value })
      }
    } else {
      if (Array.isArray(object.examples)) {
        object.examples.forEach((value: unknown, i) => found.push({ at: `${at}/examples/${i}`, schema: at, value }))
      }
      if ('example' in object) found.push({ at: `${at}/example`, schema: at, value: object.example })
    }
  }
  for (const [child, value] of Object.entries(object)) {
    if (!isMap && (child === 'example' || child === 'examples')) continue
    found.push(...examplesOf(root, value, `${at}/${escapePointer(child)}`, child))
  }
  return found
}

/** The webhook's own verdict on a `userPictureUrl` (the same rule checks it in messages and events). */
const webhookTakesPictureUrl = (url: string): boolean => {
  const parsed = inboundMessageSchema.safeParse({
    userId: 'u',
    messageId: 'm',
    conversationId: 'c',
    type: 'x',
    text: 't',
    userPictureUrl: url,
  })
  return parsed.success
}

/** The error codes a schema allows, through its oneOf, anyOf and allOf. */
const codesOf = (schema: Schema | undefined): string[] => {
  if (!schema) return []
  const code = schema.properties?.error?.properties?.code
  const own = (code?.enum ?? [code?.const]).filter((value): value is string => value !== undefined)
  return [...own, ...[schema.oneOf, schema.anyOf, schema.allOf].flatMap((list) => (list ?? []).flatMap(codesOf))]
}

/** Each [status, code] an operation's error answers list. */
const errorCodesOf = (path: string, method: string): [string, string][] =>
  Object.entries(dereferenced.paths[path]![method]!.responses).flatMap(([status, response]) =>
    codesOf(response.content?.['application/json']?.schema).map((code): [string, string] => [status, code])
  )

const delivery = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'text',
    payload: { text: 'Hi' },
    conversationId: 'chat-42',
    botpressUserId: 'bot_1',
    botpressMessageId: 'msg_1',
    botpressConversationId: 'conv_1',
    createdAt: '2026-11-25T13:00:00.250Z',
    ...overrides,
  })
const deliveryHeaders = { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': '1795000000' }

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const api = await SwaggerParser.validate(OPENAPI_PATH)
    expect('openapi' in api && api.openapi).toBe('3.1.0')
  })

  it('has schemas that are valid JSON Schema 2020-12', () => {
    expect(() => document.compileEverySchema()).not.toThrow()
  })

  it('gives examples that its schemas accept, read as JSON Schema 2020-12 (ajv)', async () => {
    const raw = (await SwaggerParser.parse(OPENAPI_PATH)) as unknown as Record<string, unknown>
    const ajv = new Ajv2020({ allErrors: true })
    addFormats(ajv)
    // The document's own keys are no schema keywords: declared, so a schema inside it can be reached by pointer.
    ajv.addVocabulary(Object.keys(raw))
    ajv.addSchema(raw, 'openapi.yaml')
    const examples = examplesOf(raw)
    expect(examples.map(({ at }) => at)).toEqual(
      expect.arrayContaining([
        '/paths/~1/post/requestBody/content/application~1json/examples/ownType',
        '/webhooks/message/post/requestBody/content/application~1json/example',
        '/components/responses/BadBody/content/application~1json/example',
        '/components/parameters/Prefer/schema/examples/0',
      ])
    )
    const refused = examples.flatMap(({ at, schema, value }) => {
      const validate = ajv.getSchema(`openapi.yaml#${schema}`)!
      return validate(value) ? [] : [`${at}: ${ajv.errorsText(validate.errors)}`]
    })
    expect(refused).toEqual([])
  })

  it("passes openapi-typescript's check of its examples, with this repository's redocly.yaml", async () => {
    // `npx openapi-typescript openapi.yaml` bundles an older Redocly core (1.x), which reads redocly.yaml from the
    // working directory: `recommended-strict`, whose no-invalid-media-type-examples takes an object schema without
    // `additionalProperties` as closed, even a branch of `oneOf` or an `if`. Each branch therefore lists every field.
    expect(readFileSync(resolve(ROOT, 'redocly.yaml'), 'utf8')).toMatch(/^ {2}- recommended-strict$/m)
    const cli = resolve(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js')
    const generated = await run(process.execPath, [cli, 'openapi.yaml'], {
      cwd: ROOT,
      maxBuffer: 32 * 1024 * 1024,
    }).then(
      ({ stdout }) => stdout,
      (error: { stderr?: string }) => `openapi-typescript failed:\n${error.stderr ?? String(error)}`
    )
    expect(generated).toContain('MessageDelivery: {')
  }, 60_000)

  it("has the integration's version", () => {
    expect(readFileSync(resolve(ROOT, 'integration.definition.ts'), 'utf8')).toContain(
      `version: '${(dereferenced as unknown as { info: { version: string } }).info.version}'`
    )
  })

  it('has the error table of hub.md, route by route', () => {
    const routes = {
      send: ['/', 'post'],
      events: ['/events', 'post'],
      files: ['/files', 'post'],
      read: ['/messages', 'get'],
      failed: ['/deliveries', 'get'],
      redeliver: ['/deliveries/redeliver', 'post'],
    } as const
    const documentRows = new Set<string>()
    for (const [route, [path, method]] of Object.entries(routes)) {
      for (const [status, code] of errorCodesOf(path, method)) documentRows.add(`${status} ${code} ${route}`)
    }
    for (const path of ['/openapi.yaml', '/openapi.json']) {
      for (const [status, code] of errorCodesOf(path, 'get')) documentRows.add(`${status} ${code} document`)
    }
    const hubRows = new Set<string>()
    for (const [, status, code, named] of hub.matchAll(/^\| (\d{3}) +\| `([a-z_]+)` +\| ([a-z, ]+?) +\|/gm)) {
      const listed =
        named === 'all' ? [...Object.keys(routes), ...(status === '405' ? ['document'] : [])] : named!.split(', ')
      for (const route of listed) hubRows.add(`${status} ${code} ${route}`)
    }
    expect(hubRows.size).toBeGreaterThan(40)
    expect([...hubRows].sort()).toEqual([...documentRows].sort())
  })

  it('says what webhook-id is as hub.md does: the message id, evt_… for an event, ping_… for the check', () => {
    const parameters = Object.values(dereferenced.components.parameters)
    const described = parameters.find((p) => p.name === 'webhook-id')!.description
    const hubSentence = hub.slice(hub.indexOf('`webhook-id`, the delivery'), hub.indexOf('`webhook-timestamp`'))
    for (const text of [described, hubSentence]) {
      expect(text).toMatch(/botpressMessageId/)
      expect(text).toMatch(/`evt_…`/)
      expect(text).toMatch(/`ping_…`/)
    }
  })

  it('names the reserved delivery headers alike in hub.md, the configuration and the code', () => {
    const named = (text: string) =>
      [...text.matchAll(/`?([A-Z][A-Za-z-]+|webhook-\*)`?(?=[,` ]| or| header)/g)]
        .map((m) => m[1]!.toLowerCase())
        .flatMap((name) => (name === 'webhook-*' ? ['webhook-id', 'webhook-timestamp', 'webhook-signature'] : [name]))
    const hubLine = hub.slice(
      hub.indexOf('They cannot be') + 14,
      hub.indexOf('header.', hub.indexOf('They cannot be')) + 7
    )
    const help = configuration.schema.shape.deliveryHeaders.description!
    const helpLine = help.slice(help.indexOf('They cannot be') + 14)
    for (const line of [hubLine, helpLine]) expect(new Set(named(line))).toEqual(new Set(RESERVED_HEADERS))
  })

  it('shows in hub.md an answer with every field openapi.yaml requires', () => {
    const start = hub.indexOf('```json', hub.indexOf('The answer is `200`'))
    const example = JSON.parse(hub.slice(start + 7, hub.indexOf('```', start + 7))) as Record<
      string,
      Record<string, unknown>
    >
    const answer = schema('MessageAnswer')
    expect(Object.keys(example).sort()).toEqual([...answer.required!].sort())
    for (const part of answer.required!) {
      for (const field of answer.properties![part]!.required ?? [])
        expect(example[part], `${part}.${field}`).toHaveProperty(field)
    }
  })

  it('is short enough for the Hub, where it is the only file: no relative links', () => {
    expect(Buffer.byteLength(hub)).toBeLessThanOrEqual(20_000)
    expect([...hub.matchAll(/\]\((?!https:\/\/)[^)]*\)/g)].map((m) => m[0])).toEqual([])
  })

  it('gives each message type the payload fields of the channel, required and closed alike', () => {
    const declared = channels[CHANNEL].messages
    expect(new Set(schema('MessageType').enum)).toEqual(new Set(Object.keys(declared)))
    for (const [type, { schema: zod }] of Object.entries(declared)) {
      const sdk = zod.toJsonSchema() as Schema
      const ours = schema(`${type[0]!.toUpperCase()}${type.slice(1)}Payload`)
      expect(Object.keys(ours.properties ?? {}), type).toEqual(Object.keys(sdk.properties ?? {}))
      expect(ours.required ?? [], type).toEqual(sdk.required ?? [])
      expect(ours.additionalProperties === false, type).toBe(sdk.additionalProperties === false)
    }
  })

  it('states the limits the webhook enforces', () => {
    const shapes = messageShapes()
    expect(shapes.map((shape) => shape.properties!.type!.const ?? 'own')).toEqual([
      ...schema('MessageType').enum!,
      'own',
    ])
    for (const { properties } of shapes) {
      for (const id of ['userId', 'messageId', 'conversationId'])
        expect(properties![id]!.maxLength).toBe(LIMITS.idLength)
      expect(properties!.text!.maxLength).toBe(LIMITS.textLength)
      expect(properties!.userName!.maxLength).toBe(LIMITS.userNameLength)
    }
    expect(shapes.at(-1)!.properties!.type!.maxLength).toBe(LIMITS.typeLength)
    expect(schema('SendEventRequest').properties!.name!.maxLength).toBe(LIMITS.eventNameLength)
    expect(schema('UserPictureUrl').maxLength).toBe(LIMITS.urlLength)
  })
})

describe('openapi.yaml as a judge of deliveries', () => {
  it('accepts a message of every type, the connection check and an event', () => {
    for (const [type, payload] of Object.entries(PAYLOADS)) {
      expect(document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ type, payload }) }), type).toEqual([])
    }
    expect(document.checkDelivery({ headers: deliveryHeaders, raw: JSON.stringify(CONNECTION_CHECK) })).toEqual([])
    const event = { type: 'event', name: 'n', payload: {}, conversationId: 'c', botpressConversationId: 'b' }
    const raw = JSON.stringify({ ...event, createdAt: '2026-11-25T13:00:00.000Z' })
    expect(document.checkDelivery({ headers: deliveryHeaders, raw })).toEqual([])
  })

  it('refuses a field it does not describe, a missing one, a payload of another type and a missing header', () => {
    // Each message type is a closed shape of its own: the others (of `oneOf`) also say the payload is not theirs.
    const otherShapes = (problems: string[]) =>
      problems.slice(1).filter((p) => !p.startsWith('delivery (message): body.payload '))
    const extra = document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ extra: 1 }) })
    expect(extra[0]).toBe('delivery (message): body has the field "extra", which the document does not describe')
    expect(otherShapes(extra)).toEqual([])
    const missing = document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ createdAt: undefined }) })
    expect(missing[0]).toBe("delivery (message): body must have required property 'createdAt'")
    expect(otherShapes(missing)).toEqual([])
    expect(
      document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ type: 'image', payload: { text: 'x' } }) })
    ).toContain("delivery (message): body.payload must have required property 'imageUrl'")
    const { 'webhook-id': _id, ...headers } = deliveryHeaders
    expect(document.checkDelivery({ headers, raw: delivery() })).toEqual([
      'delivery (message): the header webhook-id is missing',
    ])
  })
})

describe('openapi.yaml as a judge of answers', () => {
  const error = (code: string) => JSON.stringify({ error: { code, message: 'm' } })
  const json = { 'content-type': 'application/json' }

  it('accepts an error with a code its status lists', () => {
    const answer = { method: 'POST', path: '', status: 413, headers: json, body: error('body_too_large') }
    expect(document.checkAnswer(answer)).toEqual([])
  })

  it('refuses a code of another status, a status it does not list, and a missing required header', () => {
    expect(
      document.checkAnswer({
        method: 'POST',
        path: '/events',
        status: 409,
        headers: json,
        body: error('message_id_conflict'),
      })
    ).toEqual(['POST /events → 409: body.error.code must be equal to constant'])
    expect(document.checkAnswer({ method: 'POST', path: '/', status: 418, headers: json, body: '' })).toEqual([
      'POST / → 418: the document lists no 418 answer for this operation',
    ])
    expect(
      document.checkAnswer({ method: 'GET', path: '', status: 405, headers: json, body: error('method_not_allowed') })
    ).toEqual(['GET / → 405: the header Allow is missing'])
  })

  it('reads a YAML answer as YAML: this document passes, another YAML or a wrong type does not', () => {
    const yaml = { 'content-type': 'application/yaml', 'access-control-allow-origin': '*' }
    const answer = (body: string, headers = yaml) => ({
      method: 'GET',
      path: '/openapi.yaml',
      status: 200,
      headers,
      body,
    })
    expect(document.checkAnswer(answer(readFileSync(OPENAPI_PATH, 'utf8')))).toEqual([])
    expect(document.checkAnswer(answer('openapi: 3.0.3\ninfo: {}\npaths: {}\n'))).toEqual([
      'GET /openapi.yaml → 200: body.openapi must match pattern "^3\\.1\\."',
    ])
    expect(document.checkAnswer(answer('a: ['))).toEqual(['GET /openapi.yaml → 200: the body is not YAML'])
    expect(document.checkAnswer(answer('{}', { ...yaml, ...json }))).toEqual([
      'GET /openapi.yaml → 200: Content-Type "application/json" is not one the document lists',
    ])
  })

  it('expects 404 on a path it does not list, and invalid_body to name its issues', () => {
    expect(
      document.checkAnswer({ method: 'POST', path: '/nope', status: 400, headers: json, body: error('invalid_body') })
    ).toEqual(['POST /nope → 400: an undocumented path must be answered 404'])
    expect(
      document.checkAnswer({ method: 'POST', path: '', status: 400, headers: json, body: error('invalid_body') })
    ).toEqual(["POST / → 400: body.error must have required property 'issues'"])
  })
})

describe("openapi.yaml's pattern for userPictureUrl, which is the webhook's rule", () => {
  it("states POST /files' limits and content type rule as the webhook checks them", () => {
    const file = schema('FileRequest').properties!
    expect(file.size!.maximum).toBe(LIMITS.fileBytes)
    expect(file.expiresInDays!.maximum).toBe(LIMITS.fileDays.max)
    expect(file.name!.maxLength).toBe(LIMITS.fileNameLength)
    expect(file.contentType!.maxLength).toBe(LIMITS.contentTypeLength)
    expect(file.contentType!.pattern).toBe(MIME_TYPE_PATTERN)
    expect(file.name!.pattern).toBe(FILE_NAME_PATTERN)
  })

  it('is the very pattern the webhook checks, as is the one of media URLs in a message', () => {
    expect(schema('UserPictureUrl').pattern).toBe(HTTP_URL_PATTERN)
    expect(schema('MediaUrl').pattern).toBe(MEDIA_URL_PATTERN)
  })

  it.each([
    ['https://example.com/a.png', true],
    ['HTTP://EXAMPLE.COM', true],
    ['https://user:pass@example.com:8443/a?b#c', true],
    [' https://example.com/a.png\n', true],
    ['HTTP:', false],
    ['http:example.com', false],
    ['https://', false],
    ['https:///a.png', false],
    ['https://example.com/a b.png', false],
    ['ftp://example.com/a.png', false],
  ])('%j: %s, for the document and the webhook alike', (url, takes) => {
    expect([new RegExp(schema('UserPictureUrl').pattern!, 'u').test(url), webhookTakesPictureUrl(url)]).toEqual([
      takes,
      takes,
    ])
  })
})
