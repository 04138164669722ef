import type { Client } from '@botpress/client'
import { HttpError } from '../errors'
import { step } from './botpress-errors'
import type { InboundMessage } from './parse-message'

export const CHANNEL = 'channel'

/** The Botpress calls intake makes: a client built from the caller's token, or the integration's own. */
export type BotpressWriter = Pick<Client, 'getOrCreateUser' | 'getOrCreateConversation' | 'getOrCreateMessage'>

const writeMessage = async (client: BotpressWriter, input: InboundMessage) => {
  const [{ user }, { conversation }] = await Promise.all([
    step('finding or creating the user', () => client.getOrCreateUser({ tags: { id: input.userId } })),
    step('finding or creating the conversation', () =>
      client.getOrCreateConversation({ channel: CHANNEL, tags: { id: input.conversationId } })
    ),
  ])
  const { message } = await step('creating the message', () =>
    client.getOrCreateMessage({
      tags: { id: input.messageId },
      type: input.type,
      payload: input.payload,
      userId: user.id,
      conversationId: conversation.id,
    })
  )
  return { user, conversation, message }
}

/**
 * Creates (or finds) the user, the conversation and the message. The message is keyed by its `id` tag,
 * so a resent `messageId` returns the message written the first time.
 */
export const intakeMessage = async (client: BotpressWriter, input: InboundMessage) => {
  const written = await writeMessage(client, input)
  if (written.message.conversationId !== written.conversation.id || written.message.userId !== written.user.id) {
    throw new HttpError(
      409,
      'message_id_conflict',
      `messageId "${input.messageId}" was already used for a message of another user or conversation. Use a messageId that is unique for the bot, such as a UUID.`
    )
  }
  return written
}
