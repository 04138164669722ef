import type { Client, Message } from '@botpress/client'
import { HttpError } from '../../errors'
import { fromBotpressError, isApiErrorOf } from '../../botpress/botpress-errors'
import { decodeAfter, type Cursor } from './read-position'

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

/** The message a bare id names; undefined when Botpress knows no such message. */
const findMessage = async (client: Pick<Client, 'getMessage'>, id: string) => {
  try {
    return (await client.getMessage({ id })).message
  } catch (thrown) {
    // Botpress answers an id it cannot read as an id with 400, one it does not know with 404.
    if (isApiErrorOf(thrown, 'ResourceNotFound', 'InvalidIdentifier', 'InvalidPayload')) return undefined
    throw fromBotpressError('reading the message named by after', thrown)
  }
}

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
  const message = await findMessage(client, decoded.messageId)
  if (!message) throw goneAfter(after)
  return { message }
}
