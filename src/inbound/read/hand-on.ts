import type { Position } from './read-position'

/**
 * How far back each read looks again: Botpress may list a message (or its tag) a little after its
 * `createdAt`, so the cursor stays this far behind the time of the read, and names the messages it already
 * returned since (`seen`). Documented in hub.md and docs/botpress-assumptions.md.
 */
export const TRAILING_WINDOW_MS = 5_000

/**
 * The most messages a cursor names as returned (8 characters each, so that a cursor stays within 256
 * characters); see `handOn` for what more of them in the window does.
 */
export const MAX_SEEN = 20

/**
 * A message a read returned, or one an earlier read returned; `ms` undefined when this read did not list it
 * (deleted, or not listed this time): it stays named while there is room, in case it is listed again.
 */
export type Returned = { key: string; ms: number | undefined }

export type Stop = {
  /** Where the read stopped: everything before `fromMs` is passed, and at it up to `last`, if given. */
  position: Position
  /** Messages returned at `position.fromMs` or later would be listed again from there. */
  returned: Returned[]
  /**
   * Whether the read stopped inside a millisecond (more messages were created in it than `limit` let it
   * return): those created then and listed after `position.last` are still to pass, and the position names
   * `last`, so that the next read goes on from it. It does not look back: a message created before it that
   * Botpress lists late is missed.
   */
  inside: boolean
  /**
   * Where what this read returned starts: what came before was the earlier reads' to return. After a start
   * named by `last`, the millisecond after it: that millisecond's earlier messages were returned by reads
   * this one cannot name.
   */
  floorMs: number
  /** The read's clock when it started; Infinity for a read that does not look back. */
  readAtMs: number
}

/**
 * The position a read hands to the next: back at `readAtMs - TRAILING_WINDOW_MS` (never before `floorMs`)
 * when it stopped later, so that a message listed late still comes, with what was returned since named in
 * `seen`. More than MAX_SEEN returned since then (a burst, or over 4 a second) moves the start later, so the
 * window shrinks while that lasts; names of messages this read did not list go first. A read that stopped
 * inside a millisecond, or that started at a `last` and went no further than its millisecond, hands on a
 * position past `last` or past that millisecond, still naming what was returned after it.
 */
export const handOn = ({ position, returned, inside, floorMs, readAtMs }: Stop): Position => {
  const stopMs = position.fromMs
  const named = (entries: Returned[]) => (entries.length ? { seen: new Set(entries.map((r) => r.key)) } : {})
  // The walk's hint goes on from wherever the position is handed: the next read's first window has its width.
  const withWidth = (at: Omit<Position, 'widthMs'>): Position => ({
    ...at,
    ...(position.widthMs !== undefined ? { widthMs: position.widthMs } : {}),
  })
  const listed = returned.filter((r) => r.ms !== undefined)
  const unlisted = returned.filter((r) => r.ms === undefined)
  /** What a position from `ms` names: what was returned from then on, and as many unlisted names as fit. */
  const namesFrom = (ms: number) => {
    const since = listed.filter((r) => r.ms! >= ms)
    return [...since, ...unlisted.slice(0, Math.max(0, MAX_SEEN - since.length))]
  }
  if (inside || floorMs > stopMs) {
    // Past `last`, or past the millisecond: what was returned after it (by earlier reads) stays named.
    const after = namesFrom(stopMs + 1)
    return withWidth({
      ...(inside && position.last ? { fromMs: stopMs, last: position.last } : { fromMs: stopMs + 1 }),
      ...named(after),
    })
  }
  let fromMs = Math.max(floorMs, Math.min(stopMs, readAtMs - TRAILING_WINDOW_MS))
  // The times from which fewer are named, oldest first: the first that leaves at most MAX_SEEN.
  const later = listed.flatMap((r) => (r.ms! >= fromMs && r.ms! <= stopMs ? [r.ms! + 1] : []))
  for (const ms of [...new Set(later)].sort((a, b) => a - b)) {
    if (listed.filter((r) => r.ms! >= fromMs).length <= MAX_SEEN) break
    fromMs = ms
  }
  return withWidth({ fromMs, ...named(namesFrom(fromMs)) })
}
