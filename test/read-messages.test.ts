import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forwardWindows } from '../src/inbound/forward-windows'
import { MAX_LIST_CALLS, readMessages } from '../src/inbound/read-messages'
import { fakeHistory } from './support/fake-history'

// The catch-up read against a fake Botpress that lists newest first, in pages, filtered by creation date.

/** Creation times in order: spread over a year, or packed into a few milliseconds (many share one). */
const creationTimes = fc
  .tuple(fc.constantFrom(5, 1_000, 365 * 86_400_000), fc.integer({ min: 0, max: 120 }))
  .chain(([span, count]) => fc.array(fc.integer({ min: 1, max: span }), { minLength: count, maxLength: count }))
  .map((times) => times.sort((a, b) => a - b))

const YEAR_MS = 365 * 86_400_000
/** `count` messages spread evenly over a year, a user message then a bot message. */
const evenYear = (count: number) => Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * YEAR_MS) / count))

describe('forwardWindows', () => {
  it('yields every message from the start time exactly once, oldest first, the last window last', async () => {
    await fc.assert(
      fc.asyncProperty(creationTimes, fc.integer({ min: 1, max: 25 }), fc.nat(), async (times, pageSize, pick) => {
        const { messages, reader } = fakeHistory(times, pageSize)
        const from = times.length ? times[pick % times.length]! : 0
        const windows = []
        for await (const window of forwardWindows(reader, 'conv', from)) windows.push(window)
        const expected = messages.filter((m) => Date.parse(m.createdAt) >= from).map((m) => m.id)
        expect(windows.flatMap((w) => w.messages.map((m) => m.id))).toEqual(expected)
        expect(windows.map((w) => w.last)).toEqual(windows.map((_, i) => i === windows.length - 1))
      }),
      { numRuns: 300 }
    )
  })
})

describe('readMessages', () => {
  it("returns the bot's messages after the cursor, oldest first, `limit` at a time, and whether more follow", async () => {
    await fc.assert(
      fc.asyncProperty(
        creationTimes,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.nat()),
        fc.func(fc.boolean()),
        async (times, pageSize, limit, pick, isBot) => {
          const { messages, reader, calls } = fakeHistory(times, pageSize, (i) => isBot(i))
          const cursor = pick === null || !messages.length ? undefined : messages[pick % messages.length]
          const after = cursor ? messages.slice(messages.indexOf(cursor) + 1) : messages
          const expected = after.filter((m) => m.direction === 'outgoing').map((m) => m.id)
          const read = await readMessages(reader, { conversationId: 'chat-1', limit, after: cursor?.id })
          const ids = read.messages.map((m) => m.botpressMessageId)
          if (read.hasMore && ids.length < limit) {
            // Stopped by the cap on calls: a prefix, and the next read goes on from its last message.
            expect(calls.listMessages).toBeGreaterThanOrEqual(MAX_LIST_CALLS)
            expect(ids).toEqual(expected.slice(0, ids.length))
            expect(ids.length).toBeGreaterThan(0)
          } else {
            expect(ids).toEqual(expected.slice(0, limit))
            expect(read.hasMore).toBe(expected.length > limit)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('answers each message in the delivery envelope, with the conversation id of the back-end', async () => {
    const { reader, messages } = fakeHistory([1, 2], 20)
    const read = await readMessages(reader, { conversationId: 'chat-1', limit: 50 })
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
    })
  })

  it.each([
    ['from the first message', undefined],
    ['after the middle', 5_000],
    ['after the last message', 9_999],
  ])('costs a few calls %s of 10,000 messages over a year, however long the history', async (_name, cursor) => {
    const { reader, calls, messages } = fakeHistory(evenYear(10_000), 20)
    const after = cursor === undefined ? undefined : messages[cursor]!.id
    const read = await readMessages(reader, { conversationId: 'chat-1', limit: 50, after })
    expect(read.messages).toHaveLength(cursor === 9_999 ? 0 : 50)
    expect(calls.listMessages).toBeLessThanOrEqual(16)
    expect(calls.listConversations + calls.getMessage).toBe(after ? 2 : 1)
  })

  it('costs one list call when fewer messages than a page follow the cursor', async () => {
    const { reader, calls, messages } = fakeHistory(evenYear(1_000), 20)
    await readMessages(reader, { conversationId: 'chat-1', limit: 50, after: messages[990]!.id })
    expect(calls.listMessages).toBe(1)
  })
})
