import { HttpError } from '../errors'
import type { IdCache, Tenant } from '../id-cache'
import type { InboundMessage } from './parse-message'
import { withParties, type BotpressWriter } from './parties'

/**
 * Creates (or finds) the user, the conversation and the message. The message is keyed by its `id` tag,
 * so a resent `messageId` returns the message written the first time; a message found for it must belong
 * to the same user and conversation.
 */
export const intakeMessage = async (client: BotpressWriter, input: InboundMessage, cache: IdCache, tenant: Tenant) => {
  const { parties, result } = await withParties(client, input, cache, tenant, 'creating the message', (p) =>
    client.getOrCreateMessage({
      tags: { id: input.messageId },
      type: input.type,
      payload: input.payload,
      userId: p.user.id,
      conversationId: p.conversation.id,
    })
  )
  const { message } = result
  if (message.conversationId !== parties.conversation.id || message.userId !== parties.user.id) {
    throw new HttpError(
      409,
      'message_id_conflict',
      `messageId "${input.messageId}" was already used for a message of another user or conversation. Use a messageId that is unique for the bot, such as a UUID.`
    )
  }
  return { message, ...parties }
}
