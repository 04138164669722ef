import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_CALLS_PER_READ } from '../src/inbound/read/read-messages'
import { encodeCursor, seenKey } from '../src/inbound/read/read-position'
import { conversationLoop as readLoop, readConversation } from './support/reads'
import { fakeHistory, type FakeHistory } from './support/fake-history'
import { DAY, fitsOneRead, senders, shape } from './support/history-shapes'

// The catch-up read against a fake Botpress that lists newest first, in pages, filtered by creation date.

const botIds = (history: FakeHistory, from = 0) =>
  history.messages
    .slice(from)
    .filter((m) => m.direction === 'outgoing')
    .map((m) => m.id)

describe('a loop of reads', () => {
  it('gets every bot message after the cursor exactly once, in order, at most 20 calls a read', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        senders,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.nat()),
        async (times, isBot, pageSize, limit, pick) => {
          fc.pre(fitsOneRead(times, pageSize))
          const history = fakeHistory(times, pageSize, { isBot })
          const from = pick === null || !times.length ? undefined : pick % times.length
          const loop = await readLoop(history, limit, from === undefined ? undefined : history.messages[from]!.id)
          expect(loop.ids).toEqual(botIds(history, from === undefined ? 0 : from + 1))
          expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('gets every bot message once, in order, while messages are written during the reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.boolean(), { maxLength: 300 }),
        async (times, pageSize, limit, writes) => {
          fc.pre(fitsOneRead([...times, ...writes.map(() => times.at(-1) ?? 0)], pageSize))
          let now = (times.at(-1) ?? 0) + 1
          const history = fakeHistory(times, pageSize, {
            beforeList: (h) => {
              const bot = writes.shift()
              if (bot !== undefined) h.write((now += bot ? 0 : 1), bot)
            },
          })
          const loop = await readLoop(history, limit)
          // What was written after the loop's last read is for the next one; the rest came once, in order.
          expect(loop.ids).toEqual(botIds(history).slice(0, loop.ids.length))
          expect(new Set(loop.ids).size).toBe(loop.ids.length)
          expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('reads pages that come back empty with a token as pages still to read', async () => {
    const history = fakeHistory([1, 2, 3, 4, 5, 6], 2, { emptyPagesFirst: true })
    const loop = await readLoop(history, 50)
    expect(loop.ids).toEqual(botIds(history))
  })
})

/** The calls and messages of the first read, and of a whole loop, over one history. */
const measure = async (times: number[], isBot: (i: number) => boolean, limit: number, after?: number) => {
  const history = fakeHistory(times, 20, { isBot })
  const cursor = after === undefined ? undefined : history.messages[after]!.id
  const first = await readConversation(history.reader, { conversationId: 'chat-1', limit, after: cursor })
  const firstCalls = history.total()
  const loop = await readLoop(history, limit, cursor)
  expect(loop.ids).toEqual(botIds(history, after === undefined ? 0 : after + 1))
  return { first, firstCalls, loop }
}

describe('the cost of a read over hostile histories (Botpress pages of 20)', () => {
  it('a month of nothing after the cursor, then 300 messages in 30 minutes', async () => {
    const times = [0, ...Array.from({ length: 300 }, (_, i) => 30 * DAY + i * 6_000)]
    const { first, firstCalls, loop } = await measure(times, (i) => i > 0 && i % 2 === 0, 50, 0)
    expect(firstCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
    expect(first.messages.length).toBeGreaterThan(0)
    expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
  })

  it.each([5_000, 20_000])('%i user messages, then one bot message: every read bounded, the loop ends', async (n) => {
    const times = Array.from({ length: n + 1 }, (_, i) => i * 1_000)
    const { loop } = await measure(times, (i) => i === n, 50)
    expect(loop.ids).toHaveLength(1)
    expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
  })

  it('300 messages in one millisecond', async () => {
    const { loop } = await measure(Array(300).fill(7), (i) => i % 2 === 1, 100)
    expect(loop.ids).toHaveLength(150)
    expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
  })

  it('costs one list call when fewer messages than a page follow the cursor', async () => {
    const history = fakeHistory(
      Array.from({ length: 1_000 }, (_, i) => i * DAY),
      20
    )
    await readConversation(history.reader, { conversationId: 'chat-1', limit: 50, after: history.messages[990]!.id })
    expect(history.calls.listMessages).toBe(1)
  })
})

describe('a read of one conversation', () => {
  it('answers each message in the delivery envelope, with the conversation id of the back-end and a cursor', async () => {
    const { reader, messages } = fakeHistory([1, 2], 20)
    const read = await readConversation(reader, { conversationId: 'chat-1', limit: 50 })
    expect(read).toEqual({
      messages: [
        {
          type: 'text',
          payload: { text: 'message 1' },
          conversationId: 'chat-1',
          botpressUserId: 'bot',
          botpressMessageId: messages[1]!.id,
          botpressConversationId: messages[1]!.conversationId,
          createdAt: messages[1]!.createdAt,
        },
      ],
      hasMore: false,
      // Everything up to the newest message, which it names as returned: the cursor carries its time.
      cursor: encodeCursor({ listing: 'all', fromMs: 2, seen: new Set([seenKey(messages[1]!.id)]) }),
    })
  })

  it("moves the cursor over the user's messages, so a read with no bot message still moves on", async () => {
    const { reader, messages } = fakeHistory([1, 2, 3], 20, { isBot: () => false })
    const read = await readConversation(reader, { conversationId: 'chat-1', limit: 50 })
    expect(read).toEqual({ messages: [], hasMore: false, cursor: encodeCursor({ listing: 'all', fromMs: 3 }) })
    expect(messages).toHaveLength(3)
  })
})
