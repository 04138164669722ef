import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeAfter, encodeCursor } from '../src/inbound/read/read-position'
import { conversationLoop } from './support/reads'
import { fakeHistory } from './support/fake-history'
import { DAY, fitsOneRead, shape } from './support/history-shapes'

// The walk hands the next read one hint, the width of the window it lists first. Cursors issued by 1.2.0 and
// before carry two (an anchor, where that window ends, and a pace); they keep decoding, into the same window.

const b36 = (ms: number) => ms.toString(36)

describe('the hint a cursor carries', () => {
  it('is one width: the anchor part stays empty', () => {
    expect(encodeCursor({ listing: 'all', fromMs: 1000, widthMs: 36 })).toBe(`a~${b36(1000)}~~10~~`)
    expect(decodeAfter(`a~${b36(1000)}~~10~~`)).toEqual({ cursor: { listing: 'all', fromMs: 1000, widthMs: 36 } })
  })

  it("reads a 1.2.0 cursor's anchor as the end of the first window, and its width alone as that window's width", () => {
    const from = b36(1000)
    expect(decodeAfter(`a~${from}~${b36(1500)}~${b36(60)}~~`)).toEqual({
      cursor: { listing: 'all', fromMs: 1000, widthMs: 500 },
    })
    expect(decodeAfter(`t~${from}~~${b36(60)}~~`)).toEqual({ cursor: { listing: 'tagged', fromMs: 1000, widthMs: 60 } })
    // An anchor at `fromMs` itself: the first window is that millisecond alone.
    expect(decodeAfter(`a~${from}~${from}~~~`)).toEqual({ cursor: { listing: 'all', fromMs: 1000, widthMs: 0 } })
    // An anchor already passed says nothing more than the width.
    expect(decodeAfter(`a~${from}~${b36(900)}~${b36(60)}~~`)).toEqual({
      cursor: { listing: 'all', fromMs: 1000, widthMs: 60 },
    })
    // Before 1.2: `<message id>~<fromMs>~<anchorMs>~<widthMs>`.
    expect(decodeAfter(`msg_1~${from}~${b36(1200)}~`)).toEqual({
      cursor: { listing: 'all', fromMs: 1000, last: { id: 'msg_1', ms: 1000 }, widthMs: 200 },
    })
  })

  it('a 1.2.0 cursor anchored at its own millisecond, before two crowded ones: the loop of reads moves on', async () => {
    // 200 messages at 1000 ms and 200 at 1001 ms: more than a read lists of one millisecond and the next.
    const history = fakeHistory([...Array(200).fill(1_000), ...Array(200).fill(1_001)], 20)
    const cursor = `a~${b36(1_000)}~${b36(1_000)}~~~`
    const loop = await conversationLoop(history, 100, cursor, 50)
    expect(loop.ids).toEqual(history.messages.filter((m) => m.direction === 'outgoing').map((m) => m.id))
  })

  it('any hints an older cursor carried: a loop of reads from it still gets every bot message after it once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 60 }),
        fc.nat(),
        fc.option(fc.integer({ min: -DAY, max: 400 * DAY })),
        fc.option(fc.integer({ min: 1, max: 400 * DAY })),
        async (times, pageSize, limit, pick, anchorOffset, width) => {
          fc.pre(times.length > 0 && fitsOneRead(times, pageSize))
          const history = fakeHistory(times, pageSize)
          const from = pick % times.length
          const start = history.messages[from]!
          const fromMs = Date.parse(start.createdAt)
          const anchor = anchorOffset === null ? '' : b36(Math.max(0, fromMs + anchorOffset))
          const cursor = `a~${b36(fromMs)}~${anchor}~${width === null ? '' : b36(width)}~${start.id}~`
          const loop = await conversationLoop(history, limit, cursor)
          const expected = history.messages.slice(from + 1).filter((m) => m.direction === 'outgoing')
          expect(loop.ids).toEqual(expected.map((m) => m.id))
        }
      ),
      { numRuns: 200 }
    )
  })
})
