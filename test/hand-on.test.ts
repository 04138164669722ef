import { describe, expect, it } from 'vitest'
import { handOn, MAX_SEEN, TRAILING_WINDOW_MS } from '../src/inbound/read/hand-on'

// Where a read hands the next one on: the trailing window, what the cursor names, and a crowd.

const returnedAt = (ms: number[], prefix = 'k') => ms.map((at, i) => ({ key: `${prefix}${i}`, ms: at }))

describe('handOn', () => {
  it('looks back over the trailing window, naming what was returned in it', () => {
    const next = handOn({
      position: { fromMs: 10_000 },
      returned: returnedAt([4_000, 9_000, 10_000]),
      inside: false,
      floorMs: 0,
      readAtMs: 12_000,
    })
    expect(next).toEqual({ fromMs: 12_000 - TRAILING_WINDOW_MS, seen: new Set(['k1', 'k2']) })
  })

  it('never looks back before where the read started', () => {
    const next = handOn({ position: { fromMs: 10_000 }, returned: [], inside: false, floorMs: 9_000, readAtMs: 12_000 })
    expect(next.fromMs).toBe(9_000)
  })

  it('shrinks the window to the newest MAX_SEEN returned in it', () => {
    const times = Array.from({ length: MAX_SEEN + 5 }, (_, i) => 10_000 + i)
    const next = handOn({
      position: { fromMs: 10_100 },
      returned: returnedAt(times),
      inside: false,
      floorMs: 0,
      readAtMs: 11_000,
    })
    expect(next.fromMs).toBe(10_005)
    expect(next.seen?.size).toBe(MAX_SEEN)
  })

  it('keeps naming what earlier reads returned after a late message it stopped at (no duplicates)', () => {
    // MAX_SEEN messages at 1000…, returned before; now a message created at 999, listed late, is returned.
    const earlier = returnedAt(
      Array.from({ length: MAX_SEEN }, (_, i) => 1_000 + i),
      'm'
    )
    const late = { key: 'late', ms: 999 }
    const next = handOn({
      position: { fromMs: 999 },
      returned: [late, ...earlier],
      inside: false,
      floorMs: 0,
      readAtMs: 2_000,
    })
    expect(next.fromMs).toBe(1_000)
    expect(next.seen).toEqual(new Set(earlier.map((r) => r.key)))
  })

  it('inside a crowded millisecond, names its last message and what came after', () => {
    const last = { id: 'msg_last', ms: 500 }
    const next = handOn({
      position: { fromMs: 500, last },
      returned: [
        { key: 'a', ms: 500 },
        { key: 'after', ms: 600 },
        { key: 'unlisted', ms: undefined },
      ],
      inside: true,
      floorMs: 0,
      readAtMs: 10_000,
    })
    expect(next).toEqual({ fromMs: 500, last, seen: new Set(['after', 'unlisted']) })
  })

  it('a read that does not look back hands on where it stopped', () => {
    const next = handOn({
      position: { fromMs: 10_000 },
      returned: returnedAt([10_000]),
      inside: false,
      floorMs: 0,
      readAtMs: Infinity,
    })
    expect(next).toEqual({ fromMs: 10_000, seen: new Set(['k0']) })
  })
})
