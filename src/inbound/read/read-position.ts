import type { WalkPosition } from '../../botpress/forward-walk'
import { shortDigest } from '../../short-digest'

/**
 * Where a read of the history stands (a walk's position, `WalkPosition`), and the `cursor` that carries it from
 * one read to the next. `seen`: digests of the messages at `fromMs` or later that were already returned (see
 * `seenKey`).
 */
export type Position = WalkPosition & { seen?: ReadonlySet<string> }

/**
 * What a feed read lists: `tagged`, only the bot messages this integration tagged when it handled them;
 * `all`, every message of the bot (what the feed walked before 1.2, and still walks through older history).
 * The read of one conversation lists all of that conversation's messages, whatever its cursor says.
 */
export type Listing = 'tagged' | 'all'

/**
 * A position, what the next read lists, and for a walk through every message the time it ends at: the first
 * tagged message's, from which the feed lists by tag; `null` when a search found none (the walk then goes to
 * the newest message), undefined before one is made.
 */
export type Cursor = Position & { listing: Listing; untilMs?: number | null }

const SEPARATOR = '~'
const SEEN_KEY_LENGTH = 8
const LISTING_MARKS: Record<Listing, string> = { tagged: 't', all: 'a' }

/**
 * A message's place in `seen`: 48 bits of its id's SHA-256, so a cursor holds a dozen of them in 96
 * characters. Two ids collide with a chance of 1 in 2^48 per pair: a message is then taken for one returned.
 */
export const seenKey = (id: string): string => shortDigest(id, SEEN_KEY_LENGTH)

const base36 = (ms: number | undefined) => (ms === undefined ? '' : Math.round(ms).toString(36))

/**
 * `<listing>~<fromMs>~~<widthMs>~<last id>~<seen keys>[~<untilMs>]`, times in base 36 (empty parts allowed):
 * every cursor carries its time, so a read never needs the message a cursor was issued after. The empty part
 * held an anchor in cursors issued before 1.2.1 (see `handedWidth`). At most 1 + 3 × 10 + 40 + 20 × 8 + 6 =
 * 237 characters.
 */
export const encodeCursor = (cursor: Cursor): string =>
  [
    LISTING_MARKS[cursor.listing],
    base36(cursor.fromMs),
    '',
    base36(cursor.widthMs),
    cursor.last && cursor.last.ms === cursor.fromMs ? cursor.last.id : '',
    [...(cursor.seen ?? [])].join(''),
    ...(cursor.listing === 'all' && cursor.untilMs !== undefined ? [base36(cursor.untilMs ?? undefined)] : []),
  ].join(SEPARATOR)

/** What `after` says: a position, the head (`now`), or a bare message id whose message says where. */
export type After = { cursor: Cursor } | { now: true } | { messageId: string }

const BASE36_TIME = /^[0-9a-z]{1,10}$/
/** Botpress ids are 28 to 36 characters: a longer one is no id of Botpress's. */
const MAX_ID_LENGTH = 40
const SEEN_KEYS = new RegExp(`^(?:[A-Za-z0-9_-]{${SEEN_KEY_LENGTH}})*$`)
const time = (part: string) => (part === '' ? undefined : BASE36_TIME.test(part) ? parseInt(part, 36) : NaN)

/**
 * The width a cursor hands on. Cursors issued before 1.2.1 may carry two hints: an anchor, the end of the
 * window the next read was to list first, and a width, the pace to go on at; the anchor, when not behind
 * `fromMs`, gives the same first window (a width of 0 is the millisecond `fromMs` alone).
 */
const handedWidth = (fromMs: number, anchorMs: number | undefined, widthMs: number | undefined) => {
  const width = anchorMs !== undefined && anchorMs >= fromMs ? anchorMs - fromMs : widthMs
  return width !== undefined ? { widthMs: width } : {}
}

const decodeCurrent = (parts: string[]): Cursor | undefined => {
  const [mark, from = '', anchor = '', width = '', lastId = '', seen = '', until = ''] = parts
  const listing = (Object.keys(LISTING_MARKS) as Listing[]).find((l) => LISTING_MARKS[l] === mark)
  const [fromMs, anchorMs, widthMs, untilMs] = [from, anchor, width, until].map(time)
  if (!listing || (parts.length !== 6 && parts.length !== 7) || fromMs === undefined) return undefined
  if (!SEEN_KEYS.test(seen) || lastId.length > MAX_ID_LENGTH) return undefined
  if ([fromMs, anchorMs, widthMs, untilMs].some((ms) => Number.isNaN(ms))) return undefined
  const keys = seen.match(new RegExp(`.{${SEEN_KEY_LENGTH}}`, 'g')) ?? []
  return {
    listing,
    fromMs,
    ...(lastId ? { last: { id: lastId, ms: fromMs } } : {}),
    ...(keys.length ? { seen: new Set(keys) } : {}),
    ...handedWidth(fromMs, anchorMs, widthMs),
    ...(listing === 'all' && parts.length === 7 ? { untilMs: untilMs ?? null } : {}),
  }
}

/**
 * A cursor issued before 1.2: `<id>~<fromMs>~<anchorMs>~<widthMs>`. Its message, when named, was created at
 * `fromMs` or before; read as created at `fromMs`, it passes the same messages either way. The feed walked
 * every message then, so it goes on that way.
 */
const decodeBefore16 = (parts: string[]): Cursor | undefined => {
  const [id = '', from = '', anchor = '', width = '', ...rest] = parts
  const [fromMs, anchorMs, widthMs] = [from, anchor, width].map(time)
  if (rest.length || fromMs === undefined || [fromMs, anchorMs, widthMs].some((ms) => Number.isNaN(ms))) {
    return undefined
  }
  if (id.length > MAX_ID_LENGTH) return undefined
  return {
    listing: 'all',
    fromMs,
    ...(id ? { last: { id, ms: fromMs } } : {}),
    ...handedWidth(fromMs, anchorMs, widthMs),
  }
}

/** `after` read: undefined when it has a cursor's shape but invalid parts. */
export const decodeAfter = (after: string): After | undefined => {
  if (after === 'now') return { now: true }
  if (!after.includes(SEPARATOR)) return { messageId: after }
  const parts = after.split(SEPARATOR)
  const cursor = parts[0]!.length === 1 ? decodeCurrent(parts) : decodeBefore16(parts)
  return cursor && { cursor }
}
