import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConversationOwners } from '../src/inbound/read/conversation-owners'
import { FEED_POLL_MS, FeedWatch } from '../src/inbound/read/feed-watch'
import { KnownConversations } from '../src/inbound/read/known-conversations'
import { waitForMessages } from '../src/inbound/read/long-poll'
import { openFeedRead } from '../src/inbound/read/read-feed'
import { openConversationRead } from '../src/inbound/read/read-messages'
import { countedRead, type ReadAnswer } from '../src/inbound/read/read-page'
import { listenedKeys, signalBotMessage } from '../src/message-signal'
import { CONVERSATION, fakeHistory, type FakeConversation, type FakeHistory } from './support/fake-history'

// Prefer: wait on reads, against a fake Botpress and fake timers: what an idle wait costs, what wakes it, and
// what many waits on one instance cost together.

const TENANT = { botId: 'bot_poll', integrationId: 'int_poll' }
const WEBCHAT = { ...CONVERSATION, id: 'conv_webchatwebchatwebchatwebch', integration: 'webchat', tags: {} }
const START = Date.parse('2026-01-01T00:00:00.000Z')

beforeEach(() => {
  vi.useFakeTimers({ now: START })
})
afterEach(() => {
  vi.useRealTimers()
})

const ours = (n: number): FakeConversation => ({
  ...CONVERSATION,
  id: `conv_ours${String(n).padStart(22, '0')}`,
  tags: { id: `chat-${n}` },
})

/** Conversations of ours and one of webchat; one user message and one reply in the first of ours. */
const history = (conversations: FakeConversation[] = [CONVERSATION]) =>
  fakeHistory([START - 2_000, START - 1_000], 20, { conversations: [...conversations, WEBCHAT], isBot: (i) => i === 1 })

type Scope = 'one conversation' | 'the feed'

/** One instance: its lookups, and its shared poll, which lists with the history's reader (its calls counted). */
const instanceOn = (h: FakeHistory) => ({
  owners: new ConversationOwners(),
  conversations: new KnownConversations(),
  watch: new FeedWatch(() => h.reader),
})

/** Opens a waited read from now on, and records its answer and when it came. */
const waitedRead = async (
  h: FakeHistory,
  scope: Scope,
  seconds: number,
  shared = instanceOn(h),
  conversationId = 'chat-1'
) => {
  const { client, counter } = countedRead(h.reader)
  const context = { ...shared, client, tenant: TENANT, clock: Date.now }
  const query = { after: 'now', limit: 50 }
  const read =
    scope === 'the feed'
      ? await openFeedRead(context, query, counter)
      : await openConversationRead(context, { ...query, conversationId }, counter)
  const outcome: { answer?: ReadAnswer; at?: number } = {}
  void waitForMessages(read, seconds, TENANT, counter, shared.watch).then((answer) =>
    Object.assign(outcome, { answer, at: Date.now() })
  )
  return outcome
}

const noticeOf = (message: { id: string; conversationId: string; createdAt: string }) => ({
  conversationId: message.conversationId,
  messageId: message.id,
  createdAtMs: Date.parse(message.createdAt),
})

describe.each<Scope>(['one conversation', 'the feed'])('a read of %s with Prefer: wait', (scope) => {
  it('costs its first read and the shared poll when nothing comes for 25 s, and answers at the end', async () => {
    const h = history()
    const shared = instanceOn(h)
    const outcome = await waitedRead(h, scope, 25, shared)
    await vi.advanceTimersByTimeAsync(24_999)
    expect(outcome.answer).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(outcome.answer).toMatchObject({ messages: [], hasMore: false })
    expect(outcome.at! - START).toBe(25_000)
    // The first read (one list call, and the conversation's lookup), then one shared poll every 4 s.
    const polls = Math.floor(25_000 / FEED_POLL_MS)
    const lookups = scope === 'the feed' ? {} : { listConversations: 1 }
    expect(h.calls).toEqual({
      listMessages: 1 + polls,
      listConversations: 0,
      getMessage: 0,
      getConversation: 0,
      ...lookups,
    })
    console.log(`an idle wait of 25 s on ${scope}: ${h.total()} calls, ${JSON.stringify(h.calls)}`)
    expect(listenedKeys()).toBe(0)
    expect(shared.watch.watched).toBe(0)
  })

  it('answers at the next shared poll a reply no signal announced (another instance got it)', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 25)
    await vi.advanceTimersByTimeAsync(5_000)
    const reply = h.write(Date.now(), true)
    await vi.advanceTimersByTimeAsync(FEED_POLL_MS)
    expect(outcome.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    // Polls at 4 and 8 s: the one after the reply found it.
    expect(outcome.at! - START).toBe(2 * FEED_POLL_MS)
  })

  it('answers at once a reply signalled on this instance', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 25)
    await vi.advanceTimersByTimeAsync(5_000)
    const reply = h.write(Date.now(), true)
    signalBotMessage(TENANT, noticeOf(reply))
    await vi.advanceTimersByTimeAsync(0)
    expect(outcome.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    expect(outcome.at! - START).toBe(5_000)
  })

  it('is not woken by a signal of another bot, nor by one of a message it has passed', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 3)
    signalBotMessage({ ...TENANT, botId: 'bot_other' }, noticeOf(h.messages[1]!))
    signalBotMessage(TENANT, noticeOf(h.messages[1]!))
    await vi.advanceTimersByTimeAsync(10)
    expect(h.calls.listMessages).toBe(1)
    await vi.advanceTimersByTimeAsync(3_000)
    expect(outcome.answer?.messages).toEqual([])
    expect(h.calls.listMessages).toBe(1)
  })
})

describe('many waiting reads on one instance', () => {
  it('200 idle waits on 200 known conversations cost one call each, plus the shared poll', async () => {
    const conversations = Array.from({ length: 200 }, (_, n) => ours(n))
    const h = history(conversations)
    const shared = instanceOn(h)
    // Each conversation read once before: the instance knows them.
    for (let n = 0; n < 200; n++) await waitedRead(h, 'one conversation', 0, shared, `chat-${n}`)
    await vi.advanceTimersByTimeAsync(0)
    const before = h.total()
    const oneAlone = 1 + Math.floor(10_000 / FEED_POLL_MS)
    const outcomes = await Promise.all(
      conversations.map((_, n) => waitedRead(h, 'one conversation', 10, shared, `chat-${n}`))
    )
    await vi.advanceTimersByTimeAsync(5_000)
    // A reply in one of them, seen on this instance: that read alone reads again, at once.
    const reply = h.write(Date.now(), true, 7)
    signalBotMessage(TENANT, noticeOf(reply))
    await vi.advanceTimersByTimeAsync(0)
    expect(outcomes[7]!.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    expect(outcomes[7]!.at! - START).toBe(5_000)
    await vi.advanceTimersByTimeAsync(5_000)
    const calls = h.total() - before
    console.log(`200 idle waits of 10 s on one instance: ${calls} calls (one alone: ${oneAlone})`)
    expect(calls).toBeLessThanOrEqual(200 + 2 * oneAlone + 1)
    expect(outcomes.filter((o) => o.answer?.messages.length === 0)).toHaveLength(199)
    expect(shared.watch.watched).toBe(0)
  })

  it('a reply found by the shared poll wakes only the reads of its conversation, and every read of the feed', async () => {
    const h = history([ours(0), ours(1)])
    const shared = instanceOn(h)
    const [first, second, feed] = [
      await waitedRead(h, 'one conversation', 10, shared, 'chat-0'),
      await waitedRead(h, 'one conversation', 10, shared, 'chat-1'),
      await waitedRead(h, 'the feed', 10, shared),
    ]
    await vi.advanceTimersByTimeAsync(1_000)
    const reply = h.write(Date.now(), true, 1)
    await vi.advanceTimersByTimeAsync(FEED_POLL_MS)
    expect(second.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    expect(feed.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    expect(first.answer).toBeUndefined()
  })
})

describe('lookups on one instance', () => {
  it('50 concurrent reads of a conversation the instance has not met ask Botpress about it once', async () => {
    const h = history()
    const shared = instanceOn(h)
    const reads = Array.from({ length: 50 }, () => {
      const { client, counter } = countedRead(h.reader)
      const context = { ...shared, client, tenant: TENANT, clock: Date.now }
      return openConversationRead(context, { conversationId: 'chat-1', limit: 50 }, counter)
    })
    await Promise.all(reads)
    expect(h.calls.listConversations).toBe(1)
  })

  it('50 concurrent feed reads through history from before 1.2 look each conversation up once', async () => {
    const h = history()
    const shared = instanceOn(h)
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const { client, counter } = countedRead(h.reader)
        const context = { ...shared, client, tenant: TENANT, clock: Date.now }
        return (await openFeedRead(context, { limit: 50 }, counter)).next()
      })
    )
    expect(answers.every((a) => a.messages.length === 1)).toBe(true)
    expect(h.calls.getConversation).toBe(1)
  })
})
