import assert from 'node:assert/strict'
import fc from 'fast-check'
import { CROWD_PAGES, MAX_CALLS_PER_READ, type ReadAnswer } from '../../src/inbound/read/read-page'
import type { FakeHistory } from './fake-history'

// The shapes a history takes, and the loop of reads a back-end runs over it: shared by the property tests of
// the read of one conversation and of the feed, and by `npm run bench:walk` (so no vitest here: plain asserts).

export const MINUTE = 60_000
export const DAY = 86_400_000

/** Creation times, in order, of the shapes a conversation takes; `gaps` are the ms from one message to the next. */
export const shape = fc
  .oneof(
    // Spread over a year, or packed into a few milliseconds (many share one).
    fc
      .tuple(fc.constantFrom(5, 1_000, 365 * DAY), fc.integer({ min: 0, max: 150 }))
      .chain(([span, count]) => fc.array(fc.integer({ min: 1, max: span }), { minLength: count, maxLength: count })),
    // Quiet spells and bursts: runs of messages, each run with its own pace, separated by silences of up to a month.
    fc
      .array(
        fc.record({
          silence: fc.integer({ min: 0, max: 30 * DAY }),
          pace: fc.constantFrom(0, 1, 50, 6_000, MINUTE),
          count: fc.integer({ min: 1, max: 120 }),
        }),
        { minLength: 1, maxLength: 5 }
      )
      .map((runs) => {
        const times: number[] = []
        let now = 1
        for (const { silence, pace, count } of runs) {
          now += silence
          for (let i = 0; i < count; i++) times.push((now += pace))
        }
        return times
      })
  )
  .map((times) => times.sort((a, b) => a - b))

/** Who sent each message: alternating, the bot only, the user only, or at random. */
export const senders = fc.oneof(
  fc.constant((i: number) => i % 2 === 1),
  fc.constant(() => true),
  fc.constant(() => false),
  fc.func(fc.boolean())
)

/**
 * Whether no millisecond holds more than CROWD_PAGES pages: a read that lists one millisecond (and the next)
 * whole always has the calls for it. Botpress writes nowhere near that many messages in one millisecond.
 */
export const fitsOneRead = (times: number[], pageSize: number) => {
  const perMs = new Map<number, number>()
  for (const time of times) perMs.set(time, (perMs.get(time) ?? 0) + 1)
  return Math.max(0, ...perMs.values()) <= CROWD_PAGES * pageSize
}

export type Loop = { ids: string[]; reads: number; maxCalls: number; calls: number }

/**
 * What a back-end catching up does: read from its cursor, `limit` at a time, until nothing more follows,
 * checking the bound of calls of every read.
 */
export const readLoop = async (
  history: FakeHistory,
  read: (after: string | undefined) => Promise<ReadAnswer>,
  limit: number,
  after?: string,
  maxReads = 5_000
): Promise<Loop> => {
  const loop: Loop = { ids: [], reads: 0, maxCalls: 0, calls: 0 }
  for (let cursor = after; loop.reads < maxReads;) {
    const before = history.total()
    const answer = await read(cursor)
    loop.reads++
    loop.calls += history.total() - before
    loop.maxCalls = Math.max(loop.maxCalls, history.total() - before)
    assert.ok(answer.messages.length <= limit, `${answer.messages.length} messages in a read of limit ${limit}`)
    assert.ok(history.total() - before <= MAX_CALLS_PER_READ, `${history.total() - before} calls in one read`)
    loop.ids.push(...answer.messages.map((m) => m.botpressMessageId))
    if (!answer.hasMore) return loop
    assert.ok(answer.cursor !== null, 'hasMore without a cursor')
    cursor = answer.cursor
  }
  throw new Error(`the loop did not end in ${maxReads} reads`)
}
