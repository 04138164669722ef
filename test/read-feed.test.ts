import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRAILING_WINDOW_MS } from '../src/inbound/read/hand-on'
import { decodeAfter } from '../src/inbound/read/read-position'
import { MAX_CALLS_PER_READ } from '../src/inbound/read/read-page'
import { fakeHistory, type FakeConversation, type FakeHistory } from './support/fake-history'
import { DAY, fitsOneRead, senders, shape } from './support/history-shapes'
import { feedLoop, instance, readFeed } from './support/reads'

// The feed (`GET /messages` without conversationId) against a fake Botpress that lists every conversation of the
// bot when no conversation is given, as Botpress does: ours mixed with webchat's and other integrations'.

const TENANT = { botId: 'bot_feed', integrationId: 'int_feed' }

type Kind = 'ours' | 'ours, deployed privately' | 'webchat' | 'another integration' | 'ours without an id tag'

const conversation = (kind: Kind, n: number, createdAt: number): FakeConversation => ({
  id: `conv_${kind.replace(/\W/g, '').slice(0, 8)}${String(n).padStart(20, '0')}`,
  createdAt: new Date(createdAt).toISOString(),
  channel: 'channel',
  integration: {
    ours: 'messaging-api',
    'ours, deployed privately': 'my-handle/messaging-api',
    webchat: 'webchat',
    'another integration': 'telegram',
    'ours without an id tag': 'messaging-api',
  }[kind],
  tags: kind.startsWith('ours') && kind !== 'ours without an id tag' ? { id: `chat-${n}` } : {},
})

const isOurs = (kind: Kind) => kind === 'ours' || kind === 'ours, deployed privately'

/** A bot's conversations: at least one of ours, and others of every kind. */
const mix = fc.array(
  fc.constantFrom<Kind>('ours', 'ours, deployed privately', 'webchat', 'another integration', 'ours without an id tag'),
  { minLength: 1, maxLength: 8 }
)

/** The history of a bot whose messages are spread over `kinds` of conversations by `pick`. */
const mixedHistory = (
  times: number[],
  kinds: Kind[],
  pick: (i: number) => number,
  options: {
    pageSize: number
    isBot: (i: number) => boolean
    beforeList?: (history: FakeHistory) => void
    /** The first message the channel handler tagged (the upgrade to 1.2); none by default, all written before. */
    taggedFrom?: number
  }
) => {
  const first = times[0] ?? 0
  const taggedFrom = options.taggedFrom ?? Infinity
  return fakeHistory(times, options.pageSize, {
    ...options,
    untagged: (i) => i < taggedFrom,
    conversations: kinds.map((kind, n) => conversation(kind, n, first)),
    conversationOf: (i) => pick(i) % kinds.length,
  })
}

/** The bot's messages in our conversations, oldest first: what a loop of feed reads must give, once each. */
const ourBotIds = (history: FakeHistory, kinds: Kind[], from = 0) => {
  const ours = new Set(history.conversations.filter((_, n) => isOurs(kinds[n]!)).map((c) => c.id))
  return history.messages
    .slice(from)
    .filter((m) => m.direction === 'outgoing' && ours.has(m.conversationId))
    .map((m) => m.id)
}

describe('a loop of feed reads over conversations of every channel', () => {
  it('gets every bot message of our conversations exactly once, in order, none of the others, at most 20 calls a read', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        senders,
        mix,
        fc.func(fc.nat()),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        fc.option(fc.nat()),
        fc.option(fc.nat()),
        async (times, isBot, kinds, pick, pageSize, limit, warm, start, upgrade) => {
          fc.pre(fitsOneRead(times, pageSize))
          // Written before 1.2 (untagged) up to the upgrade, if any; tagged from then on.
          const taggedFrom = upgrade === null ? Infinity : upgrade % (times.length + 1)
          const history = mixedHistory(times, kinds, pick, { pageSize, isBot, taggedFrom })
          const from = start === null || !times.length ? undefined : start % times.length
          const after = from === undefined ? undefined : history.messages[from]!.id
          const loop = await feedLoop(history, limit, warm, after)
          expect(loop.ids).toEqual(ourBotIds(history, kinds, from === undefined ? 0 : from + 1))
          expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a crowded old millisecond behind newer crowded ones, history from before 1.2 read one at a time on fresh instances: the loop ends', async () => {
    // A counterexample the property found: each read spent its calls reaching millisecond 1 through 2 and 3 and
    // handed the next the same hint; a read that passes nothing now hands on half its window.
    const times = [...Array<number>(75).fill(1), ...Array<number>(25).fill(2), ...Array<number>(19).fill(3)]
    const kinds: Kind[] = [
      'another integration',
      'ours without an id tag',
      'ours without an id tag',
      'ours',
      'another integration',
    ]
    const history = mixedHistory(times, kinds, (i) => [4, 0, 2, 1][(i * 7 + 3) % 4]!, {
      pageSize: 19,
      isBot: () => true,
    })
    const loop = await feedLoop(history, 1, false)
    expect(loop.ids).toEqual(ourBotIds(history, kinds))
    expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
  })

  it('every bot message in a conversation of its own, most of them not ours: each read still moves on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 1, max: 25 }),
        async (count, oursEvery, pageSize) => {
          const kinds = Array.from({ length: count }, (_, n): Kind => (n % oursEvery === 0 ? 'ours' : 'webchat'))
          const times = Array.from({ length: count }, (_, i) => 1 + i * 1_000)
          const history = mixedHistory(times, kinds, (i) => i, { pageSize, isBot: () => true })
          const loop = await feedLoop(history, 100, false)
          expect(loop.ids).toEqual(ourBotIds(history, kinds))
        }
      ),
      { numRuns: 40 }
    )
  })

  it('gets every bot message of ours once, in order, while messages are written in every channel during the reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        mix,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 300 }),
        async (times, kinds, pageSize, limit, writes) => {
          fc.pre(fitsOneRead([...times, ...writes.map(() => times.at(-1) ?? 0)], pageSize))
          let now = (times.at(-1) ?? 0) + 1
          const history = mixedHistory(times, kinds, (i) => i, {
            pageSize,
            isBot: (i) => i % 2 === 1,
            taggedFrom: times.length,
            beforeList: (h) => {
              const next = writes.shift()
              if (next) h.write((now += next[0] ? 0 : 1), next[0], next[1] % kinds.length)
            },
          })
          // The reads happen now, as the writes do: their trailing window covers what is written meanwhile.
          const loop = await feedLoop(history, limit, true, undefined, () => now)
          // What was written after the loop's last read is for the next one; the rest came once. A message written
          // at a millisecond a read had passed comes from the trailing window, after newer ones.
          const sorted = (ids: string[]) => [...ids].sort()
          expect(sorted(loop.ids)).toEqual(sorted(ourBotIds(history, kinds).slice(0, loop.ids.length)))
          expect(new Set(loop.ids).size).toBe(loop.ids.length)
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe('what a feed read costs', () => {
  it('over a day of 10 of our conversations among 40 of webchat and another integration', async () => {
    const kinds: Kind[] = Array.from({ length: 50 }, (_, n) =>
      n % 5 === 0 ? 'ours' : n % 2 ? 'webchat' : 'another integration'
    )
    // A message every 30 s for a day, in conversations picked at random, the bot answering every user message.
    const random = fc.sample(fc.nat({ max: 49 }), { numRuns: 2_880, seed: 23 })
    const times = Array.from({ length: 2_880 }, (_, i) => DAY + i * 30_000)
    const history = mixedHistory(times, kinds, (i) => random[i >> 1]!, { pageSize: 20, isBot: (i) => i % 2 === 1 })
    for (const warm of [false, true]) {
      const loop = await feedLoop(history, 100, warm)
      expect(loop.ids).toEqual(ourBotIds(history, kinds))
      console.log(
        `feed over ${times.length} messages in ${kinds.length} conversations (10 ours), ${warm ? 'one instance' : 'a fresh instance every read'}: ` +
          `${loop.ids.length} of ours in ${loop.reads} reads, ${(loop.calls / loop.reads).toFixed(1)} calls a read on average, at most ${loop.maxCalls}`
      )
      expect(loop.maxCalls).toBeLessThanOrEqual(MAX_CALLS_PER_READ)
    }
  })

  it('from the start of a quiet bot: one call for the first conversation, one for a tagged message, one list call', async () => {
    const history = mixedHistory([1_000, 2_000], ['webchat', 'ours'], (i) => i, { pageSize: 20, isBot: () => true })
    const answer = await readFeed(history.reader, { limit: 50 })
    expect(answer.messages.map((m) => m.conversationId)).toEqual(['chat-1'])
    expect(history.calls).toEqual({ listConversations: 1, listMessages: 2, getMessage: 0, getConversation: 2 })
  })

  it('looks each conversation up once per instance and bot; one that is gone is passed over, not remembered', async () => {
    const history = mixedHistory([1_000, 2_000, 3_000], ['ours', 'webchat', 'ours'], (i) => i, {
      pageSize: 20,
      isBot: () => true,
    })
    history.conversations.pop() // deleted after its message was written
    const shared = instance()
    const read = (tenant = TENANT) => readFeed(history.reader, { limit: 50 }, { shared, tenant })
    expect((await read()).messages.map((m) => m.conversationId)).toEqual(['chat-0'])
    expect(history.calls.getConversation).toBe(3)
    await read()
    expect(history.calls.getConversation).toBe(4) // only the one that is gone, again
    await read({ ...TENANT, botId: 'bot_other' })
    expect(history.calls.getConversation).toBe(7)
  })

  it('answers nothing while the bot has no conversation on this channel, and a cursor that lists by tag from then', async () => {
    const history = fakeHistory([], 20, { conversations: [] })
    const clock = () => Date.UTC(2026, 0, 1)
    const answer = await readFeed(history.reader, { limit: 50 }, { clock })
    expect(answer).toEqual({ messages: [], hasMore: false, cursor: expect.stringMatching(/^t~/) })
    // No conversation, so no message of ours yet: every one to come carries the tag.
    expect(decodeAfter(answer.cursor!)).toEqual({ cursor: { listing: 'tagged', fromMs: clock() - TRAILING_WINDOW_MS } })
    expect(history.calls).toMatchObject({ listConversations: 1, listMessages: 1 })
  })
})
