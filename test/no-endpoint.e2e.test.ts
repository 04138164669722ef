import { Client } from '@botpress/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NO_ENDPOINT_FOR_EVENTS } from '../src/actions/send-event'
import { FEED_POLL_MS } from '../src/inbound/read/feed-watch'
import { listenedKeys } from '../src/message-signal'
import { PAT, RUNTIME_TOKEN, startStack, textMessage, type Stack } from './support/stack'

// A back-end with no endpoint: the bot is installed without a Response Endpoint URL, and the back-end gets every
// bot message from the feed, `GET {webhook URL}/messages` without conversationId, with long polling.
let stack: Stack
/** The bot itself, writing through the runtime API as an SDK bot does (the cloud hands its messages on). */
let bot: Client

beforeAll(async () => {
  stack = await startStack({ withBot: true, withEndpoint: false })
  bot = new Client({ apiUrl: stack.cloud.url, token: RUNTIME_TOKEN, botId: stack.installation.botId })
})
afterAll(() => stack.close())

type Envelope = { botpressMessageId: string; conversationId: string; payload: { text?: string } }
type Page = { messages: Envelope[]; hasMore: boolean; cursor: string | null }

const read = async (query: Record<string, string | undefined>, wait?: number) => {
  const url = new URL(`${stack.cloud.webhookUrl(stack.installation)}/messages`)
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value)
  const startedAt = Date.now()
  const response = await fetch(url, {
    headers: { authorization: `bearer ${PAT}`, ...(wait ? { prefer: `wait=${wait}` } : {}) },
  })
  const json = (await response.json()) as Page
  expect(response.status, JSON.stringify(json)).toBe(200)
  return { json, headers: response.headers, answeredAt: Date.now(), tookMs: Date.now() - startedAt }
}

/** A back-end's feed loop: reads from its cursor, `limit` at a time, until nothing more follows. */
const readFeed = async (after?: string, limit = 2) => {
  const messages: Envelope[] = []
  let cursor = after
  for (let reads = 1; ; reads++) {
    const { json } = await read({ after: cursor, limit: String(limit) })
    messages.push(...json.messages)
    cursor = json.cursor ?? undefined
    if (!json.hasMore) return { messages, cursor, reads }
  }
}

/** The bot's messages in this integration's conversations, as the cloud stored them, oldest first. */
const ourBotMessages = () => {
  const store = stack.store()
  return store
    .listMessages(undefined, {})
    .reverse()
    .filter((m) => m.direction === 'outgoing' && store.isIntegrations(store.getConversation(m.conversationId)))
}

const until = async (condition: () => boolean, what: string) => {
  for (const deadline = Date.now() + 10_000; !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The Botpress conversation of the back-end's id. */
const conversationOf = (conversationId: string) => stack.store().listConversations({ id: conversationId })[0]!

describe('without a Response Endpoint URL', () => {
  it('installs without a connection check', () => {
    expect(stack.installation.configuration).toEqual({})
    expect(stack.inbox.entries).toEqual([])
  })

  it('answers a waited message with its replies; the bot starts a second conversation; nothing is delivered or failed', async () => {
    const waited = await stack.post(textMessage({ conversationId: 'chat-a', text: 'hello' }), {
      headers: { prefer: 'wait=10' },
    })
    expect(waited.status).toBe(200)
    expect(waited.json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(waited.json.replies.map((r: Envelope) => r.payload.text)).toEqual(['You said: hello'])

    const started = await stack.post(textMessage({ conversationId: 'chat-a', text: 'start chat-b' }), {
      headers: { prefer: 'wait=10' },
    })
    expect(started.json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(started.json.replies.map((r: Envelope) => r.payload.text)).toEqual([
      'I started conversation chat-b and wrote first in it.',
    ])
    const chatB = conversationOf('chat-b')
    expect(
      stack
        .store()
        .listMessages(chatB.id, {})
        .map((m) => m.payload.text)
    ).toEqual(['Hello! I started this conversation (chat-b) myself.'])
    expect(stack.inbox.entries).toEqual([])
    expect(stack.problems).toEqual([])
  })

  it('sendEvent fails for the bot with a RuntimeError that says why', async () => {
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', {
      conversationId: conversationOf('chat-a').id,
      name: 'order shipped',
      payload: {},
    })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toBe(NO_ENDPOINT_FOR_EVENTS)
  })

  it("never shows another channel's conversation of the same bot", async () => {
    for (const integrationName of ['webchat', 'telegram']) {
      const { conversation } = await bot.createConversation({ channel: 'channel', tags: {}, integrationName })
      await bot.createMessage({
        conversationId: conversation.id,
        userId: stack.installation.botId,
        type: 'text',
        payload: { text: `a reply in ${integrationName}` },
        tags: {},
      })
    }
    const feed = await readFeed()
    expect(feed.messages.map((m) => m.payload.text)).not.toContain('a reply in webchat')
    expect(feed.messages.every((m) => m.conversationId === 'chat-a' || m.conversationId === 'chat-b')).toBe(true)
  })

  it('a feed loop from an empty cursor gets every bot message of both conversations exactly once, in order', async () => {
    await stack.post(textMessage({ conversationId: 'chat-b', text: 'many' }))
    await until(() => ourBotMessages().length >= 6, 'the replies to "many"')
    const feed = await readFeed(undefined, 2)
    expect(feed.messages.map((m) => m.botpressMessageId)).toEqual(ourBotMessages().map((m) => m.id))
    expect(feed.messages.map((m) => `${m.conversationId}: ${m.payload.text}`)).toEqual([
      'chat-a: You said: hello',
      'chat-b: Hello! I started this conversation (chat-b) myself.',
      'chat-a: I started conversation chat-b and wrote first in it.',
      'chat-b: Message 1 of 3',
      'chat-b: Message 2 of 3',
      'chat-b: Message 3 of 3',
    ])
    expect(feed.reads).toBeGreaterThan(1)
    const again = await readFeed(feed.cursor)
    expect(again.messages).toEqual([])
  })

  it.each([
    ['the feed', undefined],
    ['one conversation', 'chat-b'],
  ])(
    'a waiting read of %s wakes within 0.5 s of a reply handed to the same instance',
    async (_name, conversationId) => {
      const { cursor } = conversationId
        ? (await read({ conversationId, after: ourBotMessages().at(-1)!.id })).json
        : await readFeed()
      const waiting = read({ conversationId, after: cursor ?? undefined }, 10)
      await sleep(1_000)
      const { message } = await bot.createMessage({
        conversationId: conversationOf('chat-b').id,
        userId: stack.installation.botId,
        type: 'text',
        payload: { text: 'written while the read waits' },
        tags: {},
      })
      const { json, headers, answeredAt, tookMs } = await waiting
      const latencyMs = answeredAt - Date.parse(message.createdAt)
      console.log(`${_name}: answered ${latencyMs} ms after the reply was written (the read waited ${tookMs} ms)`)
      expect(json.messages.map((m) => m.botpressMessageId)).toEqual([message.id])
      expect(headers.get('preference-applied')).toBe('wait=10')
      expect(latencyMs).toBeLessThan(500)
      expect(listenedKeys()).toBe(0)
    }
  )

  it('an idle wait of 25 s ends on time with nothing, the same cursor and Preference-Applied, its calls counted', async () => {
    const { cursor } = await readFeed()
    stack.cloud.api.resetCalls()
    const { json, headers, tookMs } = await read({ after: cursor! }, 25)
    const calls = Object.fromEntries(stack.cloud.api.calls)
    console.log(
      `an idle feed wait of 25 s answered after ${tookMs} ms, with ${stack.cloud.api.totalCalls} calls: ${JSON.stringify(calls)}`
    )
    expect(json).toEqual({ messages: [], hasMore: false, cursor: expect.any(String) })
    expect(headers.get('preference-applied')).toBe('wait=25')
    expect(tookMs).toBeGreaterThanOrEqual(25_000)
    expect(tookMs).toBeLessThan(27_000)
    // The read's own list call (the cursor carries its time: no lookup), then the instance's shared poll.
    expect(calls).toEqual({ listMessages: 1 + Math.floor(25_000 / FEED_POLL_MS) })
  }, 40_000)

  it('an idle wait on one conversation ends on time too, with no call of its own after the first read', async () => {
    const after = ourBotMessages()
      .filter((m) => m.conversationId === conversationOf('chat-a').id)
      .at(-1)!.id
    stack.cloud.api.resetCalls()
    const { json, tookMs } = await read({ conversationId: 'chat-a', after }, 3)
    expect(json).toEqual({ messages: [], hasMore: false, cursor: expect.any(String) })
    expect(tookMs).toBeGreaterThanOrEqual(3_000)
    // The first read (the message named by after, the conversation, the list), and no shared poll yet: it comes
    // 4 s after the wait began.
    expect(Object.fromEntries(stack.cloud.api.calls)).toEqual({ getMessage: 1, listConversations: 1, listMessages: 1 })
  })
})
