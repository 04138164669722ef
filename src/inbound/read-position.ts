import type { Message } from '@botpress/client'

/**
 * Where a read of the history stands, and the `cursor` that carries it from one read to the next.
 *
 * - `last`: the last message passed (of the user or the bot), and its creation time in ms.
 * - `fromMs`: everything created before it is passed. At `fromMs` itself, when `last` was created then,
 *   what Botpress lists no newer than `last` is passed too; otherwise nothing at `fromMs` is.
 * - `anchorMs`: a hint for the next search, a time at which a message that is not passed yet was created.
 *
 * The cursor is `last`'s id alone when that says it all (the usual case); after a read that stopped in a
 * stretch it could not finish within its calls, `<id>~<fromMs>~<anchorMs>` in base 36, so the next read
 * starts where this one stopped. The id part is empty before the first message of a conversation.
 */
export type Position = { last?: { id: string; ms: number }; fromMs: number; anchorMs?: number }

const SEPARATOR = '~'

export const encodeCursor = ({ last, fromMs, anchorMs }: Position): string | null => {
  if (last && fromMs === last.ms && anchorMs === undefined) return last.id
  if (!last && anchorMs === undefined) return null
  return [last?.id ?? '', fromMs.toString(36), anchorMs?.toString(36) ?? ''].join(SEPARATOR)
}

export type DecodedCursor = { id?: string; fromMs?: number; anchorMs?: number }

const BASE36_TIME = /^[0-9a-z]{1,10}$/

/** The parts of `after`: a message id, or a cursor; undefined when it has a cursor's shape but invalid parts. */
export const decodeCursor = (after: string): DecodedCursor | undefined => {
  if (!after.includes(SEPARATOR)) return { id: after }
  const [id = '', from = '', anchor = '', ...rest] = after.split(SEPARATOR)
  if (rest.length || !BASE36_TIME.test(from) || (anchor !== '' && !BASE36_TIME.test(anchor))) return undefined
  return {
    ...(id ? { id } : {}),
    fromMs: parseInt(from, 36),
    ...(anchor ? { anchorMs: parseInt(anchor, 36) } : {}),
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
  return { ...(last ? { last } : {}), fromMs, ...anchor }
}
