import type { Client, Message } from '@botpress/client'
import { fromBotpressError, isApiErrorOf } from './botpress-errors'

/**
 * The message a bare id names (one `getMessage`); undefined when Botpress knows no such message. `step` names
 * what the caller was doing, for any other failure.
 */
export const findMessage = async (
  client: Pick<Client, 'getMessage'>,
  id: string,
  step: string
): Promise<Message | undefined> => {
  try {
    return (await client.getMessage({ id })).message
  } catch (thrown) {
    // Botpress answers an id it cannot read as an id with 400, one it does not know with 404.
    if (isApiErrorOf(thrown, 'ResourceNotFound', 'InvalidIdentifier', 'InvalidPayload')) return undefined
    throw fromBotpressError(step, thrown)
  }
}
