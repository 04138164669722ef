import type { Message } from '@botpress/client'

/**
 * Where a read of the history stands, and the `cursor` that carries it from one read to the next.
 *
 * - `last`: the last message passed (of the user or the bot), and its creation time in ms.
 * - `fromMs`: everything created before it is passed. At `fromMs` itself, when `last` was created then,
 *   what Botpress lists no newer than `last` is passed too; otherwise nothing at `fromMs` is.
 * - `anchorMs`: a hint for the next search, a time at which a message that is not passed yet was created.
 * - `widthMs`: a hint for the next walk, the width of window that suited the history so far.
 *
 * The cursor is `last`'s id alone when that says it all (a read that reached the newest message); after a
 * read that stopped before, `<id>~<fromMs>~<anchorMs>~<widthMs>` in base 36 (hints may be empty), so the next
 * read goes on as this one would have. The id part is empty before the first message of a conversation.
 */
export type Position = { last?: { id: string; ms: number }; fromMs: number; anchorMs?: number; widthMs?: number }

const SEPARATOR = '~'

export const encodeCursor = ({ last, fromMs, anchorMs, widthMs }: Position): string | null => {
  const hints = [anchorMs, widthMs].map((hint) => (hint === undefined ? '' : Math.round(hint).toString(36)))
  if (hints.join('') === '') {
    if (last && fromMs === last.ms) return last.id
    if (!last) return null
  }
  return [last?.id ?? '', fromMs.toString(36), ...hints].join(SEPARATOR).replace(/~+$/, '')
}

export type DecodedCursor = { id?: string; fromMs?: number; anchorMs?: number; widthMs?: number }

const BASE36_TIME = /^[0-9a-z]{1,10}$/

/** The parts of `after`: a message id, or a cursor; undefined when it has a cursor's shape but invalid parts. */
export const decodeCursor = (after: string): DecodedCursor | undefined => {
  if (!after.includes(SEPARATOR)) return { id: after }
  const [id = '', from = '', anchor = '', width = '', ...rest] = after.split(SEPARATOR)
  const hint = (part: string) => part === '' || BASE36_TIME.test(part)
  if (rest.length || !BASE36_TIME.test(from) || !hint(anchor) || !hint(width)) return undefined
  return {
    ...(id ? { id } : {}),
    fromMs: parseInt(from, 36),
    ...(anchor ? { anchorMs: parseInt(anchor, 36) } : {}),
    ...(width ? { widthMs: parseInt(width, 36) } : {}),
  }
}

/**
 * Where a read starts: after the message `after` named (`named`), or where its cursor says, and never before
 * `floorMs` (a conversation's creation, when a read starts at its first message).
 */
export const startPosition = (floorMs: number, cursor: DecodedCursor | undefined, named?: Message): Position => {
  const last = named && { id: named.id, ms: Date.parse(named.createdAt) }
  const fromMs = Math.max(cursor?.fromMs ?? -Infinity, last?.ms ?? floorMs)
  const anchor = cursor?.anchorMs !== undefined && cursor.anchorMs >= fromMs ? { anchorMs: cursor.anchorMs } : {}
  const width = cursor?.widthMs ? { widthMs: cursor.widthMs } : {}
  return { ...(last ? { last } : {}), fromMs, ...anchor, ...width }
}
