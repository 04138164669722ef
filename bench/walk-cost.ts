import fc from 'fast-check'
import { fakeHistory, type FakeHistory } from '../test/support/fake-history'
import { DAY, fitsOneRead, senders, shape } from '../test/support/history-shapes'
import { conversationLoop, feedLoop } from '../test/support/reads'

// `npm run bench:walk`: the Botpress calls a back-end's loop of reads makes to catch up, over histories that
// make walking hard, through the reads' production entry points against a fake Botpress (no HTTP, no clock:
// the figures are exact, so two commits compare call for call). Each loop reads `limit` at a time until
// nothing more follows, and fails on a read of more than 20 calls or a message missed.

type Reader = 'conversation' | 'feed'
const READERS: Reader[] = ['conversation', 'feed']

const loopOver = (history: FakeHistory, reader: Reader, limit: number, after?: string) =>
  reader === 'feed' ? feedLoop(history, limit, false, after) : conversationLoop(history, limit, after)

/** An exchange a minute, the reply 2 s after the question, in daily sessions of 20 (as `bench:read`). */
const sessions = (exchanges: number) =>
  Array.from({ length: 2 * exchanges }, (_, k) => {
    const n = Math.floor(k / 2)
    return Math.floor(n / 20) * DAY + (n % 20) * 60_000 + (k % 2) * 2_000
  })

const alternate = (i: number) => i % 2 === 1
type Named = { name: string; times: number[]; isBot: (i: number) => boolean; limit: number; after?: number }
const NAMED: (Named & { untagged?: (i: number) => boolean })[] = [
  {
    name: 'a month of nothing, then 300 messages in 30 min',
    times: [0, ...Array.from({ length: 300 }, (_, i) => 30 * DAY + i * 6_000)],
    isBot: (i) => i > 0 && i % 2 === 0,
    limit: 50,
    after: 0,
  },
  {
    name: '5,000 user messages, then one bot message',
    times: Array.from({ length: 5_001 }, (_, i) => i * 1_000),
    isBot: (i) => i === 5_000,
    limit: 50,
  },
  { name: '300 messages in one millisecond', times: Array(300).fill(7), isBot: alternate, limit: 100 },
  ...[100, 50, 10].map((limit) => ({
    name: '500 exchanges in daily sessions',
    times: sessions(500),
    isBot: alternate,
    limit,
  })),
  {
    name: 'an exchange a minute, 400 in 0.4 s, a day later again',
    times: [
      ...Array.from({ length: 200 }, (_, i) => i * 60_000),
      ...Array.from({ length: 400 }, (_, i) => 400 * 60_000 + i),
      ...Array.from({ length: 200 }, (_, i) => 2 * DAY + i * 60_000),
    ],
    isBot: alternate,
    limit: 50,
  },
  {
    // The feed walks every message up to the first tagged one, then lists by tag.
    name: '1,000 exchanges a minute apart before 1.2, then 200 a day apart',
    times: [
      ...sessions(1_000),
      ...Array.from({ length: 400 }, (_, k) => 60 * DAY + Math.floor(k / 2) * DAY + (k % 2) * 2_000),
    ],
    isBot: alternate,
    untagged: (i) => i < 2_000,
    limit: 100,
  },
]

const main = async () => {
  const rows: string[][] = []
  for (const { name, times, isBot, untagged, limit, after } of NAMED) {
    for (const reader of READERS) {
      const history = fakeHistory(times, 20, { isBot, ...(untagged ? { untagged } : {}) })
      const loop = await loopOver(history, reader, limit, after === undefined ? undefined : history.messages[after]!.id)
      rows.push([name, reader, String(limit), String(loop.ids.length), String(loop.reads), String(loop.calls)])
    }
  }
  // The shapes the property tests draw (pages of 1 to 25), always the same sample.
  const samples = fc.sample(
    fc.tuple(shape, senders, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 100 })),
    {
      numRuns: 400,
      seed: 42,
    }
  )
  const totals = { all: { loops: 0, ids: 0, reads: 0, calls: 0 }, pages10: { loops: 0, ids: 0, reads: 0, calls: 0 } }
  for (const [times, isBot, pageSize, limit] of samples) {
    if (!fitsOneRead(times, pageSize)) continue
    for (const reader of READERS) {
      const loop = await loopOver(fakeHistory(times, pageSize, { isBot }), reader, limit)
      for (const total of pageSize >= 10 ? [totals.all, totals.pages10] : [totals.all]) {
        total.loops++
        total.ids += loop.ids.length
        total.reads += loop.reads
        total.calls += loop.calls
      }
    }
  }
  for (const [name, total] of [
    ['400 random shapes (seed 42), pages of 1 to 25', totals.all],
    ['the same, pages of 10 to 25', totals.pages10],
  ] as const) {
    rows.push([
      name,
      `both (${total.loops} loops)`,
      '1-100',
      String(total.ids),
      String(total.reads),
      String(total.calls),
    ])
  }
  const header = ['history (pages of 20 unless said)', 'read', 'limit', 'bot messages', 'reads', 'API calls']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('   ')
  console.log(`\nCatch-up loops of reads over hard histories (exact counts, a fake Botpress):\n`)
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}

void main()
