import type { Client, Message } from '@botpress/client'
import { fromBotpressError, isApiErrorOf } from '../botpress/botpress-errors'
import type { CallBudget } from './forward-walk'
import { decodeCursor, type DecodedCursor } from './read-position'

/** What a read's `after` says: its cursor's parts and the message it names; `unknown` when Botpress knows no such message. */
export type After = { cursor?: DecodedCursor; named?: Message } | 'unknown'

/** The message a cursor names; undefined when Botpress knows no such message. */
const findMessage = async (client: Pick<Client, 'getMessage'>, budget: CallBudget, id: string) => {
  budget.left--
  try {
    return (await client.getMessage({ id })).message
  } catch (thrown) {
    // Botpress answers an id it cannot read as an id with 400, one it does not know with 404.
    if (isApiErrorOf(thrown, 'ResourceNotFound', 'InvalidIdentifier', 'InvalidPayload')) return undefined
    throw fromBotpressError('reading the message named by after', thrown)
  }
}

/** Decodes `after` and reads the message it names (one call, when it names one). */
export const readAfter = async (
  client: Pick<Client, 'getMessage'>,
  budget: CallBudget,
  after: string | undefined
): Promise<After> => {
  if (after === undefined) return {}
  const cursor = decodeCursor(after)
  if (!cursor) return 'unknown'
  if (cursor.id === undefined) return { cursor }
  const named = await findMessage(client, budget, cursor.id)
  return named ? { cursor, named } : 'unknown'
}
