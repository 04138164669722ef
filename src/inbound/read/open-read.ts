import type { BotMessageNotice } from '../../message-signal'
import type { ReadAnswer, ReadPage } from './read-page'
import { encodeCursor, seenKey, type Cursor, type Listing } from './read-position'

/** One read from a cursor, at the clock's `readAtMs`: its page, and what the next read lists (and until when). */
export type ReadStep = (
  cursor: Cursor,
  readAtMs: number
) => Promise<{ page: ReadPage; listing: Listing; untilMs?: number | null }>

/**
 * A read a waiting request repeats: each `next` reads on from where the last one stopped (all its reads share
 * one bound of calls). `conversationId` is the Botpress conversation it lists (undefined: the whole feed).
 */
export type OpenRead = {
  conversationId?: string
  next: () => Promise<ReadAnswer>
  /** Where the next read starts. */
  fromMs: () => number
  /** Whether the next read would return this bot message: a wake-up worth a read. */
  awaits: (notice: BotMessageNotice) => boolean
}

export const openRead = (
  start: Cursor,
  step: ReadStep,
  conversationId: string | undefined,
  clock: () => number
): OpenRead => {
  let cursor = start
  return {
    ...(conversationId === undefined ? {} : { conversationId }),
    next: async () => {
      const { page, listing, untilMs } = await step(cursor, clock())
      cursor = { ...page.next, listing, ...(untilMs === undefined ? {} : { untilMs }) }
      return { messages: page.messages, hasMore: page.hasMore, cursor: encodeCursor(cursor) }
    },
    fromMs: () => cursor.fromMs,
    awaits: (notice) =>
      (conversationId === undefined || notice.conversationId === conversationId) &&
      (notice.createdAtMs > cursor.fromMs || (notice.createdAtMs === cursor.fromMs && !cursor.last)) &&
      !cursor.seen?.has(seenKey(notice.messageId)),
  }
}
