import { NO_FAULTS } from '../dev/cloud/faults'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PAT, startStack, textMessage, type Stack } from './support/stack'
import { LIMITS } from '../definitions/limits'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())
beforeEach(() => {
  stack.cloud.api.faults = { ...NO_FAULTS }
  stack.cloud.api.resetCalls()
})

describe('webhook: success', () => {
  it('creates the user, conversation and message and answers with them', async () => {
    const body = textMessage({ userId: 'alice', conversationId: 'support-42', text: 'Hi there' })
    const { status, json } = await stack.post(body)

    expect(status).toBe(200)
    expect(json.user.tags).toEqual({ id: 'alice' })
    expect(json.conversation).toMatchObject({ channel: 'channel', tags: { id: 'support-42' } })
    expect(json.message).toMatchObject({
      type: 'text',
      payload: { text: 'Hi there' },
      tags: { id: body.messageId },
      userId: json.user.id,
      conversationId: json.conversation.id,
    })
    const stored = stack.store().getMessage(json.message.id)
    expect(stored.direction).toBe('incoming')
    expect(stored.payload).toEqual({ text: 'Hi there' })
  })

  it('never creates a second message for a resent messageId, and says which answer is a duplicate', async () => {
    const body = textMessage({ conversationId: 'resend' })
    const first = await stack.post(body)
    const second = await stack.post({ ...body, payload: { text: body.text } })

    expect([first.json.duplicate, second.json.duplicate]).toEqual([false, true])
    expect(second.status).toBe(200)
    expect(second.json.message.id).toBe(first.json.message.id)
    expect(stack.store().listMessages(first.json.conversation.id, {})).toHaveLength(1)
  })

  it.each([
    ['text', { text: 'Something else' }],
    ['type', { type: 'quick_reply', text: 'Hi there' }],
    ['payload', { payload: { imageUrl: 'https://example.com/b.png' } }],
  ])(
    '409 message_id_reused for a messageId resent with another %s; the first message stays, nothing is written',
    async (field, change) => {
      const body = textMessage({ conversationId: `reused-${field}`, text: 'Hi there' })
      const original =
        field === 'payload' ? { ...body, type: 'image', payload: { imageUrl: 'https://example.com/a.png' } } : body
      const first = await stack.post(original)
      const counts = stack.store().recordCounts()
      const { status, json } = await stack.post({ ...original, ...change })
      expect(status).toBe(409)
      expect(json.error.code).toBe('message_id_reused')
      expect(json.error.message).toContain(`another ${field}`)
      expect(json.error.issues).toEqual([{ path: field, message: expect.stringContaining(field) }])
      expect(stack.store().recordCounts()).toEqual(counts)
      expect(stack.store().getMessage(first.json.message.id).payload).toEqual(first.json.message.payload)
    }
  )

  it("where Botpress would write a resend's tags over the first ones, a resend is answered as in 1.1", async () => {
    stack.store().foundMessageTags = 'overwritten'
    try {
      const body = textMessage({ conversationId: 'resend-overwritten', text: 'Hi there' })
      const first = await stack.post(body)
      const other = await stack.post({ ...body, text: 'Something else' })
      expect(other.status).toBe(200)
      expect(other.json.message).toEqual(
        expect.objectContaining({ id: first.json.message.id, payload: { text: 'Hi there' } })
      )
    } finally {
      stack.store().foundMessageTags = 'kept'
    }
  })

  it('accepts the scheme in any case and keeps extra payload fields of a text message', async () => {
    const { status, json } = await stack.post(textMessage({ payload: { locale: 'fr' }, text: 'Bonjour' }), {
      headers: { authorization: `BEARER ${PAT}` },
    })
    expect(status).toBe(200)
    expect(json.message.payload).toEqual({ locale: 'fr', text: 'Bonjour' })
  })

  it('writes rich message types with their payload', async () => {
    const { status, json } = await stack.post(
      textMessage({ type: 'image', text: 'a photo', payload: { imageUrl: 'https://example.com/cat.png' } })
    )
    expect(status).toBe(200)
    expect(json.message).toMatchObject({ type: 'image', payload: { imageUrl: 'https://example.com/cat.png' } })
  })
})

describe('webhook: errors answer JSON, name the problem and change nothing', () => {
  const messageCount = () => stack.store().messages.size

  it('401 missing_authorization without the header, before any Botpress call', async () => {
    const before = messageCount()
    const { status, json } = await stack.post(textMessage(), { headers: { authorization: '' } })
    expect(status).toBe(401)
    expect(json.error).toMatchObject({
      code: 'missing_authorization',
      message: expect.stringContaining('Authorization'),
    })
    expect(stack.cloud.api.totalCalls).toBe(0)
    expect(messageCount()).toBe(before)
  })

  it('401 malformed_authorization for another scheme, before any Botpress call', async () => {
    const { status, json } = await stack.post(textMessage(), { headers: { authorization: `Basic ${PAT}` } })
    expect(status).toBe(401)
    expect(json.error.code).toBe('malformed_authorization')
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it('401 invalid_token when Botpress rejects the token, with where to create one', async () => {
    const before = messageCount()
    const { status, json } = await stack.post(textMessage(), { headers: { authorization: 'bearer not-a-real-token' } })
    expect(status).toBe(401)
    expect(json.error.code).toBe('invalid_token')
    expect(json.error.message).toMatch(/Personal Access Tokens/)
    expect(json.error.message).not.toContain('not-a-real-token')
    expect(messageCount()).toBe(before)
  })

  it('400 invalid_json for a body that is not JSON', async () => {
    const { status, json } = await stack.post('{"userId": ')
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_json')
  })

  it('400 invalid_json for an empty body', async () => {
    const { status, json } = await stack.post('')
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_json')
  })

  it('400 invalid_body with field issues', async () => {
    const { status, json } = await stack.post({ ...textMessage(), userId: '', type: 'image', payload: {} })
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_body')
    expect(json.error.issues).toEqual([{ path: 'userId', message: 'userId must not be empty' }])
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it.each([
    ['a text payload', (deep: string) => `{"text":"x","deep":${deep}}`, ''],
    ['an event payload', (deep: string) => `{"deep":${deep}}`, '/events'],
  ])('400 invalid_body naming the depth limit for %s nested 60,000 levels deep', async (_name, payload, path) => {
    const deep = '['.repeat(60_000) + ']'.repeat(60_000)
    const body = JSON.stringify({ ...textMessage(), name: 'n' }).replace(/}$/, `,"payload":${payload(deep)}}`)
    const { status, json } = await stack.post(body, { path })
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_body')
    expect(json.error.message).toContain(`deeper than ${LIMITS.jsonDepth} levels`)
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it('accepts a body of exactly the limit, and answers 413 body_too_large one byte over it', async () => {
    const sized = (bytes: number) => {
      const body = textMessage({ text: 'x', payload: { text: 'x', padding: '' } })
      const padding = bytes - Buffer.byteLength(JSON.stringify(body))
      return JSON.stringify({ ...body, payload: { text: 'x', padding: 'p'.repeat(padding) } })
    }
    expect(Buffer.byteLength(sized(LIMITS.bodyBytes))).toBe(LIMITS.bodyBytes)
    expect((await stack.post(sized(LIMITS.bodyBytes))).status).toBe(200)
    const over = await stack.post(sized(LIMITS.bodyBytes + 1))
    expect(over.status).toBe(413)
    expect(over.json.error.message).toBe(`The body is ${LIMITS.bodyBytes + 1} bytes; the limit is 128000 bytes.`)
  })

  it('413 body_too_large over the limit', async () => {
    const { status, json } = await stack.post(textMessage({ text: 'x'.repeat(140 * 1024) }))
    expect(status).toBe(413)
    expect(json.error.code).toBe('body_too_large')
  })

  it('404 not_found for another path, 405 for another method', async () => {
    const path = await stack.post(textMessage(), { path: '/elsewhere' })
    expect(path.status).toBe(404)
    expect(path.json.error.code).toBe('not_found')

    const method = await stack.post(undefined, { method: 'GET' })
    expect(method.status).toBe(405)
    expect(method.headers.get('allow')).toBe('POST')
    expect(method.json.error.code).toBe('method_not_allowed')
  })

  it('409 message_id_conflict for a messageId already used in another conversation', async () => {
    const first = textMessage({ conversationId: 'conflict-a' })
    expect((await stack.post(first)).status).toBe(200)
    const { status, json } = await stack.post({ ...first, conversationId: 'conflict-b' })
    expect(status).toBe(409)
    expect(json.error.code).toBe('message_id_conflict')
  })

  it('404 not_found when Botpress does not know the bot', async () => {
    const ghost = { ...stack.installation, botId: 'bot_uninstalled' }
    const answer = await stack.cloud.driver.webhookReceived(ghost, {
      method: 'POST',
      path: '',
      query: '',
      headers: { authorization: `bearer ${PAT}` },
      body: JSON.stringify(textMessage()),
    })
    expect(answer.status).toBe(404)
    expect(JSON.parse(answer.body).error.code).toBe('not_found')
  })

  it.each([
    [429, 429, 'rate_limited'],
    [503, 502, 'botpress_error'],
    [400, 400, 'rejected_by_botpress'],
  ])('Botpress answering %i becomes %i %s naming the step', async (apiStatus, status, code) => {
    stack.cloud.api.faults = { ...NO_FAULTS, failureRate: 1, failureStatus: apiStatus }
    const before = messageCount()
    const { status: got, json } = await stack.post(textMessage())
    expect(got).toBe(status)
    expect(json.error.code).toBe(code)
    expect(json.error.message).toMatch(/while (finding or creating|creating)/)
    expect(messageCount()).toBe(before)
  })

  it.each([
    ['Retry-After in seconds', { 'retry-after': '7' }, 7],
    ['Retry-After as a date', { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }, 30],
    ['RateLimit-Reset only', { 'ratelimit-reset': '12' }, 12],
    ['no wait at all', {}, 1],
  ])('429 rate_limited with the wait Botpress gave: %s', async (_name, rateLimitHeaders, seconds) => {
    stack.cloud.api.faults = { ...NO_FAULTS, rateLimitHeaders, refusedOperations: { initializeIncomingMessage: 429 } }
    for (const path of ['', '/events']) {
      const { status, headers, json } = await stack.post({ ...textMessage(), name: 'n', payload: {} }, { path })
      expect(status).toBe(429)
      expect(json.error.code).toBe('rate_limited')
      // A date is a few seconds off by the time it is read: the seconds left, rounded up.
      expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(seconds - 2)
      expect(Number(headers.get('retry-after'))).toBeLessThanOrEqual(seconds)
      expect(json.error.message).toContain(`Retry after ${headers.get('retry-after')} s.`)
    }
  })

  it('429 rate_limited on a read, with the wait Botpress gave', async () => {
    await stack.post(textMessage({ conversationId: 'limited-read' }))
    stack.cloud.api.faults = {
      ...NO_FAULTS,
      rateLimitHeaders: { 'retry-after': '9' },
      refusedOperations: { listConversations: 429 },
    }
    const { status, headers } = await stack.post(undefined, {
      method: 'GET',
      path: '/messages?conversationId=limited-read',
    })
    expect(status).toBe(429)
    expect(headers.get('retry-after')).toBe('9')
  })

  it('502 botpress_unreachable when the API cannot be reached', async () => {
    const apiUrl = process.env.BP_API_URL
    process.env.BP_API_URL = 'http://127.0.0.1:9'
    try {
      const { status, json } = await stack.post(textMessage())
      expect(status).toBe(502)
      expect(json.error.code).toBe('botpress_unreachable')
    } finally {
      process.env.BP_API_URL = apiUrl
    }
  })
})
