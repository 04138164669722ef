import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConversationOwners } from '../src/inbound/read/conversation-owners'
import type { CallBudget } from '../src/inbound/read/forward-walk'
import { LONG_POLL, longPollDelayMs, waitForMessages } from '../src/inbound/read/long-poll'
import { openFeedRead } from '../src/inbound/read/read-feed'
import { openConversationRead } from '../src/inbound/read/read-messages'
import { MAX_CALLS_PER_READ, type ReadAnswer } from '../src/inbound/read/read-page'
import { listenedKeys, signalBotMessage } from '../src/message-signal'
import { CONVERSATION, fakeHistory, type FakeHistory } from './support/fake-history'

// Prefer: wait on reads, against a fake Botpress and fake timers: what an idle wait costs, and when it answers.

const TENANT = { botId: 'bot_poll', integrationId: 'int_poll' }
const WEBCHAT = { ...CONVERSATION, id: 'conv_webchatwebchatwebchatwebch', integration: 'webchat', tags: {} }
const START = Date.parse('2026-01-01T00:00:00.000Z')

beforeEach(() => {
  vi.useFakeTimers({ now: START })
})
afterEach(() => {
  vi.useRealTimers()
})

/** A conversation of ours and one of webchat, one user message and one reply in ours. */
const history = () =>
  fakeHistory([START - 2_000, START - 1_000], 20, { conversations: [CONVERSATION, WEBCHAT], isBot: (i) => i === 1 })

type Scope = 'one conversation' | 'the feed'

/** Opens a waited read after the last message, and counts its calls and when it answers. */
const waitedRead = async (h: FakeHistory, scope: Scope, seconds: number) => {
  const budget: CallBudget = { left: MAX_CALLS_PER_READ }
  const query = { after: h.messages.at(-1)!.id, limit: 50 }
  const read =
    scope === 'the feed'
      ? await openFeedRead(h.reader, new ConversationOwners(), TENANT, query, budget)
      : await openConversationRead(h.reader, { ...query, conversationId: 'chat-1' }, budget)
  const outcome: { answer?: ReadAnswer; at?: number } = {}
  void waitForMessages(read, seconds, TENANT, budget).then((answer) =>
    Object.assign(outcome, { answer, at: Date.now() })
  )
  return outcome
}

describe.each<Scope>(['one conversation', 'the feed'])('a read of %s with Prefer: wait', (scope) => {
  it('costs a bounded number of calls when nothing comes for 25 s, and answers at the end with the same cursor', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 25)
    await vi.advanceTimersByTimeAsync(24_999)
    expect(outcome.answer).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(outcome.answer).toEqual({ messages: [], hasMore: false, cursor: h.messages.at(-1)!.id })
    expect(outcome.at! - START).toBe(25_000)
    // The first read (2 calls for the feed, 3 for a conversation), then 11 polls of one list call.
    const first = scope === 'the feed' ? { getMessage: 1 } : { getMessage: 1, listConversations: 1 }
    expect(h.calls).toMatchObject({ ...first, listMessages: 12, getConversation: 0 })
    console.log(`an idle wait of 25 s on ${scope}: ${h.total()} calls, ${JSON.stringify(h.calls)}`)
    expect(h.total()).toBeLessThanOrEqual(15)
    expect(listenedKeys()).toBe(0)
  })

  it('answers at the next poll a reply no signal announced (another instance got it)', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 25)
    await vi.advanceTimersByTimeAsync(5_000)
    const reply = h.write(Date.now(), true)
    await vi.advanceTimersByTimeAsync(LONG_POLL.maxPollMs)
    expect(outcome.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    // Polls at 0.25, 0.75, 1.75, 3.75 and 6.75 s: the one after the reply.
    expect(outcome.at! - START).toBe(6_750)
  })

  it('answers at once a reply signalled on this instance', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 25)
    await vi.advanceTimersByTimeAsync(5_000)
    const reply = h.write(Date.now(), true)
    signalBotMessage(TENANT, CONVERSATION.id)
    await vi.advanceTimersByTimeAsync(0)
    expect(outcome.answer?.messages.map((m) => m.botpressMessageId)).toEqual([reply.id])
    expect(outcome.at! - START).toBe(5_000)
  })

  it('is not woken by a signal of another bot', async () => {
    const h = history()
    const outcome = await waitedRead(h, scope, 2)
    signalBotMessage({ ...TENANT, botId: 'bot_other' }, CONVERSATION.id)
    await vi.advanceTimersByTimeAsync(10)
    expect(h.calls.listMessages).toBe(1)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(outcome.answer?.messages).toEqual([])
  })
})

describe('the feed with Prefer: wait', () => {
  it('holds to 20 calls while other channels keep writing, and answers early once they are spent', async () => {
    const others = Array.from({ length: 30 }, (_, n) => ({
      ...WEBCHAT,
      id: `conv_webchat${String(n).padStart(18, '0')}`,
    }))
    const h = fakeHistory([START - 1_000], 20, { conversations: [CONVERSATION, ...others], isBot: () => true })
    let n = 0
    const timer = setInterval(() => h.write(Date.now(), true, 1 + (n++ % others.length)), 100)
    const outcome = await waitedRead(h, 'the feed', 25)
    await vi.advanceTimersByTimeAsync(25_000)
    clearInterval(timer)
    // Nothing of ours; hasMore says whether the last read stopped before judging all it passed.
    expect(outcome.answer?.messages).toEqual([])
    expect(h.total()).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
    expect(outcome.at! - START).toBeLessThan(25_000)
  })

  it('polls 0.25, 0.5, 1, 2 s apart, then every 3 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(longPollDelayMs)).toEqual([250, 500, 1_000, 2_000, 3_000, 3_000, 3_000])
  })
})
