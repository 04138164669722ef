import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRAILING_WINDOW_MS } from '../src/inbound/read/hand-on'
import { MAX_CALLS_PER_READ, type ReadAnswer } from '../src/inbound/read/read-page'
import { CONVERSATION, fakeHistory, type FakeConversation, type FakeHistory } from './support/fake-history'
import { clockOf, instance, readConversation, readFeed } from './support/reads'

// The promise of reads while the store changes under them, against a fake Botpress whose page tokens are
// offsets: other messages deleted between pages, messages (and their feed tags) listed up to 4 s after their
// createdAt, other channels writing far more than ours, conversations coming and going. A back-end's loop of
// reads gets every bot message of ours exactly once, each read's messages oldest first, at most 20 calls a
// read, and a cursor that moves on.

const START = Date.UTC(2026, 0, 1)
const MAX_LAG_MS = 4_000

const ours = (n: number): FakeConversation => ({
  ...CONVERSATION,
  id: `conv_ours${String(n).padStart(21, '0')}`,
  tags: { id: `chat-${n}` },
})
const webchat = (n: number): FakeConversation => ({
  ...CONVERSATION,
  id: `conv_webc${String(n).padStart(21, '0')}`,
  integration: 'webchat',
  tags: {},
})

/** One write: in which conversation (ours when `ours`), by the bot or a user, and how late Botpress lists it. */
const write = fc.record({
  ours: fc.boolean(),
  conversation: fc.nat({ max: 30 }),
  bot: fc.boolean(),
  lagMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: MAX_LAG_MS })),
  // Never 0: a read that stops inside a millisecond (more messages in it than `limit`) does not look back
  // (hand-on.ts); the other property tests hold crowded milliseconds.
  gapMs: fc.constantFrom(1, 5, 40, 300, 2_000),
})

const scenario = fc.record({
  rounds: fc.array(fc.array(write, { maxLength: 40 }), { minLength: 1, maxLength: 12 }),
  /** Per list call: how far Botpress's clock moves, and whether another message is deleted first. */
  tickMs: fc.constantFrom(0, 10, 200),
  deleteEvery: fc.constantFrom(0, 1, 3),
  // Botpress lists 20 a page. Below 5, re-reading the trailing window alone can take a read's 20 calls; such a
  // read hands on where it stopped (so that the loop moves on) and the window's late messages are missed.
  pageSize: fc.integer({ min: 5, max: 20 }),
  limit: fc.integer({ min: 1, max: 50 }),
  warm: fc.boolean(),
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

const OURS = 4
const OTHERS = 8

/** A bot with conversations of ours and of webchat, and what a scenario writes and deletes as reads go on. */
const storeOf = ({ tickMs, deleteEvery, pageSize }: Scenario) => {
  const conversations = [
    ...Array.from({ length: OURS }, (_, n) => ours(n)),
    ...Array.from({ length: OTHERS }, (_, n) => webchat(n)),
  ]
  const lags: number[] = []
  let lists = 0
  const history: FakeHistory = fakeHistory([], pageSize, {
    conversations,
    isBot: () => true,
    listedFrom: (message, i) => Date.parse(message.createdAt) + (lags[i] ?? 0),
    beforeList: (h) => {
      h.clock.now += tickMs
      // Another message (a user's, or another channel's) deleted between two pages.
      if (deleteEvery && ++lists % deleteEvery === 0) {
        const others = h.messages.filter((m) => m.direction === 'incoming' || !m.tags.feed)
        const victim = others[(lists * 7_919) % Math.max(1, others.length)]
        if (victim) h.remove(victim.id)
      }
    },
  })
  history.clock.now = START
  const writeOne = (w: Scenario['rounds'][number][number]) => {
    history.clock.now += w.gapMs
    lags.push(w.lagMs)
    const conversation = w.ours ? w.conversation % OURS : OURS + (w.conversation % OTHERS)
    history.write(history.clock.now, w.bot, conversation)
  }
  return { history, writeOne }
}

/** Reads from `after` until a read answers `hasMore: false`, checking each read. */
const readOn = async (history: FakeHistory, read: (after?: string) => Promise<ReadAnswer>, after?: string) => {
  const ids: string[] = []
  for (let reads = 0; reads < 2_000; reads++) {
    const before = history.total()
    const answer = await read(after)
    expect(history.total() - before).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
    const times = answer.messages.map((m) => Date.parse(m.createdAt))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    ids.push(...answer.messages.map((m) => m.botpressMessageId))
    expect(answer.cursor).toEqual(expect.any(String))
    after = answer.cursor!
    if (!answer.hasMore) return { ids, after }
  }
  throw new Error('the loop did not end')
}

/** Rounds of writes, each followed by a loop of reads; then, once every message is listed, a last loop. */
const run = async (s: Scenario, scope: 'feed' | 'conversation') => {
  const { history, writeOne } = storeOf(s)
  const shared = instance()
  const options = () => ({ clock: clockOf(history), ...(s.warm ? { shared } : {}) })
  const read = (after?: string) =>
    scope === 'feed'
      ? readFeed(history.reader, { limit: s.limit, ...(after ? { after } : {}) }, options())
      : readConversation(
          history.reader,
          { conversationId: 'chat-0', limit: s.limit, ...(after ? { after } : {}) },
          options()
        )
  // The reader starts from now, before anything is written (the feed from its start walks every channel).
  let after = (await read('now')).cursor!
  const ids: string[] = []
  for (const round of s.rounds) {
    round.forEach(writeOne)
    const loop = await readOn(history, read, after)
    ids.push(...loop.ids)
    after = loop.after
  }
  history.clock.now += MAX_LAG_MS + 1
  ids.push(...(await readOn(history, read, after)).ids)
  const wanted = history.messages.filter(
    (m) =>
      m.direction === 'outgoing' &&
      (scope === 'feed' ? m.tags.feed === '1' : m.conversationId === history.conversations[0]!.id)
  )
  return { ids, wanted: wanted.map((m) => m.id) }
}

describe.each(['feed', 'conversation'] as const)('a loop of reads of the %s while the store changes', (scope) => {
  it('gets every bot message of ours exactly once: late listing, deletions between pages, other channels writing', async () => {
    expect(MAX_LAG_MS).toBeLessThan(TRAILING_WINDOW_MS)
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { ids, wanted } = await run(s, scope)
        expect(new Set(ids).size).toBe(ids.length)
        expect([...ids].sort()).toEqual([...wanted].sort())
      }),
      { numRuns: 150 }
    )
  })
})

describe('what the feed costs while other channels write far more', () => {
  it('catches up across 6,000 messages of other channels, 30 of ours among them, in at most 20 calls', async () => {
    const conversations = [ours(0), ...Array.from({ length: 200 }, (_, n) => webchat(n))]
    const history = fakeHistory([], 20, { conversations })
    history.clock.now = START
    const after = (await readFeed(history.reader, { after: 'now', limit: 50 }, { clock: clockOf(history) })).cursor!
    for (let i = 0; i < 6_030; i++) {
      const oursNow = i % 201 === 100
      history.write((history.clock.now += 10), true, oursNow ? 0 : 1 + (i % 200))
    }
    const before = history.total()
    const loop = await readOn(
      history,
      (cursor) =>
        readFeed(history.reader, { limit: 100, ...(cursor ? { after: cursor } : {}) }, { clock: clockOf(history) }),
      after
    )
    expect(loop.ids).toHaveLength(30)
    console.log(`catching up over 6,030 messages, 30 of ours: ${history.total() - before} calls`)
    expect(history.total() - before).toBeLessThanOrEqual(20)
  })
})
