import fc from 'fast-check'
import { messages } from '@botpress/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../definitions/limits'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const INBOUND_SECRET = 'inbound-secret-0123456789abcdef0123456789'

describe('inbound shared secret', () => {
  it('lets a back-end authenticate with the secret; the integration writes with its own credentials', async () => {
    const install = await stack.cloud.install({
      configuration: { responseEndpointURL: stack.inboxUrl, inboundSecret: INBOUND_SECRET },
    })
    const withSecret = await stack.post(textMessage(), {
      install,
      headers: { authorization: `Bearer ${INBOUND_SECRET}` },
    })
    expect(withSecret.status).toBe(200)
    expect(stack.cloud.store(install.botId).messages.size).toBe(1)

    const withPat = await stack.post(textMessage(), { install })
    expect(withPat.status).toBe(200)

    const wrong = await stack.post(textMessage(), { install, headers: { authorization: `bearer ${INBOUND_SECRET}x` } })
    expect(wrong.status).toBe(401)
    expect(wrong.json.error.code).toBe('invalid_token')
    expect(JSON.stringify(wrong.json)).not.toContain(INBOUND_SECRET)
  })

  it('is not accepted by a bot that did not set it', async () => {
    const { status } = await stack.post(textMessage(), { headers: { authorization: `bearer ${INBOUND_SECRET}` } })
    expect(status).toBe(401)
  })

  it('must be long enough, or the installation is refused', async () => {
    await expect(
      stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl, inboundSecret: 'short' } })
    ).rejects.toThrow(/at least 32 characters/)
  })
})

// Property-based fuzz of the public webhook through real HTTP: malformed input never yields a 5xx,
// never writes a message, and never takes the server down.
const REQUIRED = ['userId', 'messageId', 'conversationId', 'type', 'text'] as const
const RICH_TYPES = Object.keys(messages.defaults).filter((t) => t !== 'text') as (keyof typeof messages.defaults)[]
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.object()
)
const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything()))

/** A body that breaks the contract in at least one way. */
const malformedBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...REQUIRED).map((field) => {
    const { [field]: _dropped, ...rest } = textMessage()
    return JSON.stringify(rest)
  }),
  fc
    .tuple(fc.constantFrom(...REQUIRED), notAString)
    .map(([field, value]) => JSON.stringify({ ...textMessage(), [field]: value })),
  fc.constantFrom(...REQUIRED).map((field) => JSON.stringify({ ...textMessage(), [field]: '' })),
  fc
    .constantFrom('userId', 'messageId', 'conversationId')
    .map((field) => JSON.stringify({ ...textMessage(), [field]: 'x'.repeat(LIMITS.idLength + 1) })),
  fc
    .oneof(
      fc.stringMatching(/^\s+$/),
      fc.string({ minLength: LIMITS.typeLength + 1, maxLength: LIMITS.typeLength + 30 })
    )
    .map((type) => JSON.stringify({ ...textMessage(), type, payload: {} })),
  notAnObject.map((payload) => JSON.stringify({ ...textMessage(), payload })),
  fc
    .tuple(fc.constantFrom(...RICH_TYPES), fc.object())
    .filter(([type, payload]) => !messages.defaults[type].schema.safeParse(payload).success)
    .map(([type, payload]) => JSON.stringify({ ...textMessage(), type, payload })),
  fc.string().filter((raw) => {
    try {
      const parsed = JSON.parse(raw)
      return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)
    } catch {
      return true
    }
  }),
  notAnObject.map((value) => JSON.stringify(value))
)

const badAuthorization = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 40 }).filter((v) => !/^bearer\s+\S+\s*$/i.test(v) && !/[\r\n]/.test(v)),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((t) => /^[\x21-\x7e]+$/.test(t) && t !== PAT)
    .map((t) => `bearer ${t}`)
)

describe('fuzz: the webhook never answers 5xx, never writes, never crashes', () => {
  const messageCount = () => stack.store().messages.size
  const isClientError = (status: number) => status >= 400 && status < 500
  const send = (body: string, headers: Record<string, string> = {}, path = '', method = 'POST') =>
    fetch(`${stack.cloud.webhookUrl(stack.installation)}${path}`, {
      method,
      headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json', ...headers },
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    })

  it('malformed bodies with a valid token', async () => {
    const before = messageCount()
    await fc.assert(
      fc.asyncProperty(malformedBody, async (body) => {
        const response = await send(body)
        const json = (await response.json()) as { error: { code: unknown } }
        expect(isClientError(response.status), `${response.status} for ${body}`).toBe(true)
        expect(typeof json.error.code).toBe('string')
      }),
      { numRuns: 1500 }
    )
    expect(messageCount()).toBe(before)
  }, 120_000)

  it('valid bodies with a missing, malformed or rejected token', async () => {
    const before = messageCount()
    await fc.assert(
      fc.asyncProperty(badAuthorization, async (authorization) => {
        const response = await send(JSON.stringify(textMessage()), { authorization })
        expect(response.status).toBe(401)
        await response.json()
      }),
      { numRuns: 500 }
    )
    expect(messageCount()).toBe(before)
  }, 120_000)

  it('other methods, paths and sizes', async () => {
    const before = messageCount()
    const request = fc.record({
      method: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'POST'),
      path: fc.oneof(
        fc.constant(''),
        fc.webPath().filter((p) => p !== '' && p !== '/')
      ),
      size: fc.oneof(fc.constant(0), fc.integer({ min: LIMITS.bodyBytes + 1, max: LIMITS.bodyBytes * 2 })),
    })
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, size }) => {
        const body = size ? JSON.stringify(textMessage({ text: 'x'.repeat(size) })) : 'not json'
        const response = await send(body, {}, path, method)
        expect(isClientError(response.status), `${response.status} for ${method} ${path} ${size}`).toBe(true)
      }),
      { numRuns: 200 }
    )
    expect(messageCount()).toBe(before)
    const health = await fetch(`${stack.integrationUrl}/health`)
    expect(await health.text()).toBe('ok')
  }, 120_000)
})
