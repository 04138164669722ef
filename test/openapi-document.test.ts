import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { channels, CHANNEL } from '../definitions'
import { LIMITS } from '../definitions/limits'
import { CONNECTION_CHECK } from '../src/register'
import { OPENAPI_PATH, OpenApiDocument } from './support/openapi-document'
import { PAYLOADS } from './support/payloads'

type Schema = {
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: unknown
  enum?: string[]
  const?: string
  maxLength?: number
  allOf?: Schema[]
}
type Document = { components: { schemas: Record<string, Schema> } }

let document: OpenApiDocument
let dereferenced: Document

beforeAll(async () => {
  document = await OpenApiDocument.load()
  dereferenced = (await SwaggerParser.dereference(OPENAPI_PATH)) as unknown as Document
})

const schema = (name: string): Schema => dereferenced.components.schemas[name]!
const hub = readFileSync(resolve(__dirname, '..', 'hub.md'), 'utf8')

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

  it('names every error code of hub.md', () => {
    const table = hub.slice(hub.indexOf('### Errors'), hub.indexOf('## Getting replies in the answer'))
    const hubCodes = [...table.matchAll(/^\| \d{3} +\| `([a-z_]+)`/gm)].map((m) => m[1])
    const documentCodes = Object.entries(dereferenced.components.schemas)
      .filter(([name]) => name.endsWith('Code'))
      .flatMap(([, code]) => {
        const values = code.properties!.error!.properties!.code!
        return values.enum ?? [values.const!]
      })
    expect(hubCodes.length).toBeGreaterThan(10)
    expect(new Set(documentCodes)).toEqual(new Set([...hubCodes, 'invalid_query', 'unknown_after']))
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
    const request = schema('SendMessageRequest').properties!
    expect(request.messageId!.maxLength).toBe(LIMITS.idLength)
    expect(request.type!.maxLength).toBe(LIMITS.typeLength)
    expect(request.text!.maxLength).toBe(LIMITS.textLength)
    expect(request.userName!.maxLength).toBe(LIMITS.userNameLength)
    expect(request.userPictureUrl!.maxLength).toBe(LIMITS.urlLength)
    expect(schema('SendEventRequest').properties!.name!.maxLength).toBe(LIMITS.eventNameLength)
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
    expect(document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ extra: 1 }) })).toEqual([
      'delivery (message): body has the field "extra", which the document does not describe',
    ])
    expect(document.checkDelivery({ headers: deliveryHeaders, raw: delivery({ createdAt: undefined }) })).toEqual([
      "delivery (message): body must have required property 'createdAt'",
    ])
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
