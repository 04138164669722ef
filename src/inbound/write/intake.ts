import { HttpError } from '../../errors'
import type { InboundMessage } from './parse-message'
import { resolveParties, type Writer } from './parties'

/**
 * Creates (or finds) the user, the conversation and the message. The message is keyed by its `id` tag,
 * so a resent `messageId` returns the message written the first time; a message found for it must belong
 * to the same user and conversation.
 */
export const intakeMessage = async (writer: Writer, input: InboundMessage) => {
  const { user, conversation, message } = await resolveParties(writer, input, input)
  if (!message) throw new Error('Botpress answered without the message it was asked to create')
  if (message.conversationId !== conversation.id || message.userId !== user.id) {
    throw new HttpError(
      409,
      'message_id_conflict',
      `messageId "${input.messageId}" was already used for a message of another user or conversation. Use a messageId that is unique for the bot, such as a UUID.`
    )
  }
  return { message, user, conversation }
}
