import type { Client, Message } from '@botpress/client'
import { HttpError } from '../../errors'
import { findMessage } from '../../botpress/find-message'
import { positionAfterMessage } from '../../botpress/forward-walk'
import { decodeAfter, type Cursor, type Listing } from './read-position'

/** Where `after` says a read starts: the first message, the head, a cursor, or just after a message. */
export type ReadStart = { from: 'first' } | { from: 'now' } | { cursor: Cursor } | { message: Message }

export const unknownAfter = (after: string, scope: string) =>
  new HttpError(
    400,
    'unknown_after',
    `after "${after}" is not a cursor or message of ${scope}. Send the cursor of your last read, after=now to read from now on, or omit after to read from the first message.`
  )

const goneAfter = (after: string) =>
  new HttpError(
    400,
    'after_message_gone',
    `after "${after}" names a message Botpress no longer has (deleted, or never one of this bot's). Cursors no longer depend on a message; a message id still does. Read on with after=now (from now on), or omit after to read from the first message.`
  )

/**
 * Decodes `after`. A cursor carries its time, so it needs no call; a bare message id (a `botpressMessageId`,
 * or a cursor from before 1.2 at the newest message) is read: one call.
 */
export const readStart = async (
  client: Pick<Client, 'getMessage'>,
  after: string | undefined,
  scope: string
): Promise<ReadStart> => {
  if (after === undefined) return { from: 'first' }
  const decoded = decodeAfter(after)
  if (!decoded) throw unknownAfter(after, scope)
  if ('now' in decoded) return { from: 'now' }
  if ('cursor' in decoded) return decoded
  const message = await findMessage(client, decoded.messageId, 'reading the message named by after')
  if (!message) throw goneAfter(after)
  return { message }
}

/**
 * Where a read of one listing starts: the cursor given, just after the message named, from now, or from
 * `firstMs` (where its history begins). The feed, whose listing depends on where it starts, maps it itself.
 */
export const cursorFrom = (start: ReadStart, listing: Listing, clock: () => number, firstMs: number): Cursor => {
  if ('cursor' in start) return start.cursor
  if ('message' in start) return { ...positionAfterMessage(start.message), listing }
  return { listing, fromMs: start.from === 'now' ? clock() : firstMs }
}
