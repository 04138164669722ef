import { LIMITS } from '../definitions/limits'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Installation } from '../dev/cloud/integration-driver'
import { ok, startFaultReceiver, type Behaviour } from './support/fault-receiver'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

// GET {webhook URL}/messages, the catch-up read, on the local cloud with the demo bot.
let stack: Stack
const receivers: { close: () => Promise<void> }[] = []

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())
afterEach(async () => {
  stack.cloud.api.pageSize = 20
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

type Envelope = { botpressMessageId: string; payload: { text?: string }; [field: string]: unknown }
type ReadAnswer = { status: number; headers: Headers; json: { messages: Envelope[]; hasMore: boolean } & any } // eslint-disable-line @typescript-eslint/no-explicit-any -- error answers too

const read = async (
  query: Record<string, string | undefined>,
  init: { install?: Installation; headers?: Record<string, string>; method?: string } = {}
): Promise<ReadAnswer> => {
  const url = new URL(`${stack.cloud.webhookUrl(init.install ?? stack.installation)}/messages`)
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value)
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `bearer ${PAT}`, ...init.headers },
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined }
}

/** What a back-end catching up does: read `after` its cursor, `limit` at a time, until nothing more follows. */
const readAll = async (conversationId: string, options: { after?: string; limit: number; install?: Installation }) => {
  const messages: Envelope[] = []
  let after = options.after
  for (;;) {
    const { status, json } = await read(
      { conversationId, after, limit: String(options.limit) },
      { install: options.install }
    )
    expect(status).toBe(200)
    messages.push(...json.messages)
    if (!json.hasMore) return messages
    after = json.cursor
  }
}

const texts = (messages: Envelope[]) => messages.map((m) => m.payload.text)

/** The bot's messages of the back-end's conversation, as the local cloud stored them, oldest first. */
const stored = (install: Installation, conversationId: string) => {
  const store = stack.cloud.store(install.botId)
  const conversation = store.listConversations({ id: conversationId })[0]
  if (!conversation) return []
  return store
    .listMessages(conversation.id, {})
    .filter((m) => m.direction === 'outgoing')
    .reverse()
}

const until = async (condition: () => boolean, what: string) => {
  for (const deadline = Date.now() + 10_000; !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
  }
}

/** Sends a user message and waits until the demo bot has answered it with `replies` messages. */
const say = async (conversationId: string, text: string, replies = 1, install = stack.installation) => {
  const before = stored(install, conversationId).length
  const { status, json } = await stack.post(textMessage({ conversationId, text }), { install })
  expect(status).toBe(200)
  await until(() => stored(install, conversationId).length >= before + replies, `the reply to "${text}"`)
  return json.message.id as string
}

/**
 * A bot installed with its response endpoint at a fault receiver, one attempt a delivery: the endpoint
 * answers as `plan` says, except to the connection check of the install (`ping_…`), which it accepts.
 */
const installWithEndpoint = async (plan: () => Behaviour) => {
  const receiver = await startFaultReceiver((_attempt, id) => (id.startsWith('ping_') ? ok : plan()))
  receivers.push(receiver)
  const install = await stack.cloud.install({
    configuration: { responseEndpointURL: receiver.url, maxDeliveryAttempts: 1, deliveryTimeoutSeconds: 1 },
    botUrl: stack.botUrl,
  })
  /** Waits until the endpoint has seen every reply of the conversation: a message is stored before it is delivered. */
  const attempted = (conversationId: string) =>
    until(
      () => stored(install, conversationId).every((m) => receiver.attempts.some((a) => a.id === m.id)),
      'the deliveries'
    )
  return { receiver, install, attempted }
}

describe('catching up after the endpoint was down', () => {
  it('reads every reply the endpoint missed, in order, across Botpress pages', async () => {
    const { receiver, install, attempted } = await installWithEndpoint(() => ({ kind: 'answer', status: 503 }))
    stack.cloud.api.pageSize = 3
    for (let n = 1; n <= 7; n++) await say('down-1', `hello ${n}`, 1, install)
    await attempted('down-1')
    const replies = receiver.attempts.filter((a) => !a.id.startsWith('ping_'))
    expect(replies.map((a) => a.behaviour)).toEqual(Array(7).fill({ kind: 'answer', status: 503 }))

    stack.cloud.api.resetCalls()
    const { status, json } = await read({ conversationId: 'down-1' }, { install })
    expect(status).toBe(200)
    expect(json.hasMore).toBe(false)
    expect(texts(json.messages)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `You said: hello ${n}`))
    expect(json.messages.map((m: Envelope) => m.botpressMessageId)).toEqual(stored(install, 'down-1').map((m) => m.id))
    // 14 messages (7 of the user's) at 3 a page: the read crossed pages.
    expect(stack.cloud.api.calls.get('listMessages')).toBeGreaterThan(1)

    expect(await readAll('down-1', { limit: 2, install })).toEqual(json.messages)
  })

  it('gives every message exactly once with the deliveries, deduplicated by botpressMessageId', async () => {
    let up = true
    const { receiver, install, attempted } = await installWithEndpoint(() =>
      up ? ok : { kind: 'answer', status: 503 }
    )
    stack.cloud.api.pageSize = 2
    // The back-end: what it processed, by botpressMessageId (the deliveries' webhook-id), and its cursor.
    const processed = new Map<string, unknown>()
    let cursor: string | undefined
    const process = (id: string, body: unknown) => {
      if (!processed.has(id)) processed.set(id, body)
    }
    const takeDeliveries = () => {
      for (const [id, attempt] of receiver.accepted) {
        const body = JSON.parse(attempt.raw)
        if (body.type === 'ping') continue
        process(id, body)
        cursor = id
      }
    }

    await say('dedupe-1', 'many', 3, install)
    await attempted('dedupe-1')
    takeDeliveries()
    expect(processed.size).toBe(3)

    up = false
    for (let n = 1; n <= 4; n++) await say('dedupe-1', `while down ${n}`, 1, install)
    await attempted('dedupe-1')
    up = true

    // Back up: catch up from the cursor first, then take new deliveries as they come.
    for (const message of await readAll('dedupe-1', { after: cursor, limit: 2, install })) {
      process(message.botpressMessageId, message)
      cursor = message.botpressMessageId
    }
    expect((await read({ conversationId: 'dedupe-1', after: cursor }, { install })).json).toEqual({
      messages: [],
      hasMore: false,
      cursor: expect.any(String),
    })
    await say('dedupe-1', 'back again', 1, install)
    await attempted('dedupe-1')
    takeDeliveries()
    // A read from an older cursor overlaps the deliveries: the same messages, with the same JSON.
    const overlap = await readAll('dedupe-1', { limit: 3, install })
    for (const message of overlap) {
      expect(message).toEqual(processed.get(message.botpressMessageId))
      process(message.botpressMessageId, message)
    }

    const all = stored(install, 'dedupe-1').map((m) => m.id)
    expect(all).toHaveLength(8)
    expect([...processed.keys()].sort()).toEqual([...all].sort())
    expect(overlap.map((m) => m.botpressMessageId)).toEqual(all)
    expect([...receiver.accepted.keys()].filter((id) => !id.startsWith('ping_'))).toHaveLength(4)
  })
})

describe('after and limit', () => {
  let userMessageId: string
  let replies: Envelope[]

  beforeAll(async () => {
    await say('paging-1', 'many', 3)
    userMessageId = await say('paging-1', 'many', 3)
    const delivered = await stack.inbox.waitFor(6, (e) => e.body.conversationId === 'paging-1')
    replies = delivered.map((e) => e.body as Envelope)
  })

  it('reads from the first message without after: each reply exactly as it was delivered', async () => {
    stack.cloud.api.pageSize = 2
    const { status, json } = await read({ conversationId: 'paging-1' })
    expect(status).toBe(200)
    expect(json).toEqual({ messages: replies, hasMore: false, cursor: expect.any(String) })
    expect((await read({ conversationId: 'paging-1', after: json.cursor })).json.messages).toEqual([])
    const many = ['Message 1 of 3', 'Message 2 of 3', 'Message 3 of 3']
    expect(texts(json.messages)).toEqual([...many, ...many])
  })

  it('pages with limit, the next page from the cursor or from the last id returned', async () => {
    stack.cloud.api.pageSize = 2
    const first = await read({ conversationId: 'paging-1', limit: '4' })
    // At most 4; fewer when the 4th shares its millisecond with the 5th (a read ends on a millisecond's boundary).
    const count = first.json.messages.length
    expect(count).toBeGreaterThanOrEqual(1)
    expect(first.json).toEqual({
      messages: replies.slice(0, count),
      hasMore: true,
      // Opaque: past the last message returned, with what the next read needs to go on as this one would.
      cursor: expect.any(String),
    })
    const next = await read({ conversationId: 'paging-1', limit: '4', after: first.json.cursor })
    expect(next.json.messages).toEqual(replies.slice(count, count + 4))
    const byId = await read({ conversationId: 'paging-1', limit: '4', after: replies[3]!.botpressMessageId })
    expect(byId.json).toEqual({ messages: replies.slice(4), hasMore: false, cursor: expect.any(String) })
    expect(await readAll('paging-1', { limit: 1 })).toEqual(replies)
  })

  it('answers nothing more after the last message', async () => {
    const { status, json } = await read({ conversationId: 'paging-1', after: replies[5]!.botpressMessageId })
    expect(status).toBe(200)
    expect(json).toEqual({ messages: [], hasMore: false, cursor: expect.any(String) })
  })

  it("reads after a user message's id too (the message.id of the answer to a POST)", async () => {
    const { json } = await read({ conversationId: 'paging-1', after: userMessageId })
    expect(json).toEqual({ messages: replies.slice(3), hasMore: false, cursor: expect.any(String) })
  })

  it('answers 50 by default and at most 100, over a history longer than Botpress lists in a few pages', async () => {
    // 1,000 replies, one a minute: too long to page down to the first, so the read walks forward in time.
    const store = stack.store()
    const start = Date.UTC(2026, 0, 1)
    const { json } = await stack.post(textMessage({ conversationId: 'long-1', text: 'silent' }))
    store.getConversation(json.conversation.id).createdAt = new Date(start).toISOString()
    store.getMessage(json.message.id).createdAt = new Date(start + 1).toISOString()
    for (let n = 1; n <= 1000; n++) {
      const reply = store.createMessage({
        type: 'text',
        payload: { text: `reply ${n}` },
        userId: stack.installation.botId,
        conversationId: json.conversation.id,
        tags: {},
        direction: 'outgoing',
      })
      reply.createdAt = new Date(start + n * 60_000).toISOString()
    }
    const replies = (from: number, count: number) => Array.from({ length: count }, (_, i) => `reply ${from + i}`)

    stack.cloud.api.resetCalls()
    const byDefault = await read({ conversationId: 'long-1' })
    expect(byDefault.json.hasMore).toBe(true)
    expect(texts(byDefault.json.messages)).toEqual(replies(1, 50))
    expect(stack.cloud.api.totalCalls).toBeLessThanOrEqual(20) // paging down: 50

    const after = byDefault.json.messages[9].botpressMessageId
    const most = await read({ conversationId: 'long-1', limit: '100', after })
    expect(texts(most.json.messages)).toEqual(replies(11, most.json.messages.length))
    expect(most.json.hasMore).toBe(true)
    expect(texts(await readAll('long-1', { limit: 100 }))).toEqual(replies(1, 1000))
  })

  it('reads a burst created within a few milliseconds, across pages of three', async () => {
    stack.cloud.api.pageSize = 3
    const store = stack.store()
    const { json } = await stack.post(textMessage({ conversationId: 'burst-1', text: 'silent' }))
    for (let n = 1; n <= 40; n++) {
      store.createMessage({
        type: 'text',
        payload: { text: `burst ${n}` },
        userId: stack.installation.botId,
        conversationId: json.conversation.id,
        tags: {},
        direction: 'outgoing',
      })
    }
    const burst = Array.from({ length: 40 }, (_, i) => `burst ${i + 1}`)
    expect(texts(await readAll('burst-1', { limit: 7 }))).toEqual(burst)
  })
})

describe('errors; no read writes anything', () => {
  let counts: ReturnType<Stack['store']>['recordCounts'] extends () => infer C ? C : never
  let knownReply: string
  let firstSaid: string

  beforeAll(async () => {
    firstSaid = await say('errors-1', 'hello')
    await say('errors-other', 'hello')
    knownReply = stored(stack.installation, 'errors-other')[0]!.id
  })

  beforeEach(() => {
    counts = stack.store().recordCounts()
    stack.cloud.api.resetCalls()
  })

  afterEach(() => {
    expect(stack.store().recordCounts()).toEqual(counts)
    const operations = [...stack.cloud.api.calls.keys()]
    const reads = ['listConversations', 'getMessage', 'listMessages', 'getConversation']
    expect(operations.filter((o) => !reads.includes(o))).toEqual([])
  })

  it('200 reads write nothing either: no user, conversation, message, event or state', async () => {
    for (const query of [{}, { limit: '1' }, { after: stored(stack.installation, 'errors-1')[0]!.id }]) {
      const { status } = await read({ conversationId: 'errors-1', ...query })
      expect(status).toBe(200)
    }
    expect(stack.cloud.api.totalCalls).toBeGreaterThan(0)
  })

  it('without conversationId, reads the feed of every conversation: only read calls, nothing written', async () => {
    const { status, json } = await read({ after: firstSaid })
    expect(status).toBe(200)
    expect(json.messages.map((m: Envelope) => m.conversationId)).toEqual(['errors-1', 'errors-other'])
    expect(stack.cloud.api.calls.get('listMessages')).toBeGreaterThan(0)
  })

  it('400 invalid_query for an empty conversationId, before any Botpress call', async () => {
    const { status, json } = await read({ conversationId: '' })
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_query')
    expect(json.error.issues).toEqual([expect.objectContaining({ path: 'conversationId' })])
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it.each(['0', '101', 'all', '2.5'])('400 invalid_query for limit=%s', async (limit) => {
    const { status, json } = await read({ conversationId: 'errors-1', limit })
    expect(status).toBe(400)
    expect(json.error).toMatchObject({ code: 'invalid_query', issues: [{ path: 'limit' }] })
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it('400 after_message_gone for a message id Botpress does not know, saying how to go on', async () => {
    const { status, json } = await read({ conversationId: 'errors-1', after: 'msg_000000000000000000000000' })
    expect(status).toBe(400)
    expect(json.error.code).toBe('after_message_gone')
    expect(json.error.message).toContain('after=now')
  })

  it('400 unknown_after for something that is neither a cursor nor a message id', async () => {
    const { status, json } = await read({ conversationId: 'errors-1', after: 'a~1~~~~short' })
    expect(status).toBe(400)
    expect(json.error.code).toBe('unknown_after')
    expect(json.error.message).toContain('errors-1')
  })

  it('400 unknown_after for a message of another conversation', async () => {
    const { status, json } = await read({ conversationId: 'errors-1', after: knownReply })
    expect(status).toBe(400)
    expect(json.error.code).toBe('unknown_after')
  })

  it('404 not_found for a conversation the back-end never wrote in, and creates none', async () => {
    const { status, json } = await read({ conversationId: 'never-written', after: knownReply })
    expect(status).toBe(404)
    expect(json.error.code).toBe('not_found')
    expect(json.error.message).toContain('never-written')
  })

  it('401 for a token Botpress rejects, or none', async () => {
    const bad = await read({ conversationId: 'errors-1' }, { headers: { authorization: 'bearer not-a-token' } })
    expect(bad.status).toBe(401)
    expect(bad.json.error.code).toBe('invalid_token')
    expect(JSON.stringify(bad.json)).not.toContain('not-a-token')
    const none = await read({ conversationId: 'errors-1' }, { headers: { authorization: '' } })
    expect(none.status).toBe(401)
    expect(none.json.error.code).toBe('missing_authorization')
  })

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('405 method_not_allowed for %s on /messages', async (method) => {
    const { status, headers, json } = await read({ conversationId: 'errors-1' }, { method })
    expect(status).toBe(405)
    expect(headers.get('allow')).toBe('GET')
    expect(json.error.code).toBe('method_not_allowed')
    expect(json.error.message).toContain('Use GET')
  })
})

describe('authentication', () => {
  it('reads with the inbound shared secret instead of a token', async () => {
    const secret = 'a-shared-secret-of-at-least-32-characters'
    const install = await stack.cloud.install({
      configuration: { responseEndpointURL: stack.inboxUrl, inboundSecret: secret },
      botUrl: stack.botUrl,
    })
    await say('secret-1', 'hello', 1, install)
    const headers = { authorization: `bearer ${secret}` }
    const { status, json } = await read({ conversationId: 'secret-1' }, { install, headers })
    expect(status).toBe(200)
    expect(texts(json.messages)).toEqual(['You said: hello'])
  })
})

describe('conversation ids', () => {
  it('reads a conversation whose id is as long as a write accepts, counted in characters (256 emoji)', async () => {
    const conversationId = '😀'.repeat(LIMITS.idLength)
    await say(conversationId, 'hello from an emoji conversation')
    const { status, json } = await read({ conversationId })
    expect(status).toBe(200)
    expect(json.messages.map((m: Envelope) => m.payload.text)).toEqual(['You said: hello from an emoji conversation'])
    expect((await read({ conversationId: `${conversationId}😀` })).json.error.code).toBe('invalid_query')
  })
})
