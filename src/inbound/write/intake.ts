import type { Message } from '@botpress/client'
import { HttpError } from '../../errors'
import { intakeTagsFor } from './intake-tags'
import type { InboundMessage } from './parse-message'
import { resolveParties, type Writer } from '../../botpress/parties'

/**
 * What a waited message saw just before it was written (`wait/look.ts`): the `look` tag to keep on it, and
 * whether it saw the message already there.
 */
export type LookBefore = { tag: string | undefined; sawWritten: (message: Message) => boolean }

/** What of a resent message differs from the first one: the field a back-end would fix. */
const whatDiffers = (input: InboundMessage, stored: Message): 'type' | 'text' | 'payload' => {
  if (stored.type !== input.type || stored.payload.originalType !== input.payload.originalType) return 'type'
  return input.type === 'text' && stored.payload.text !== input.payload.text ? 'text' : 'payload'
}

/**
 * An idempotency key names one message: other content under a known `messageId` is refused, not dropped.
 * Judged by the digest the first write left (`content` tag); a message without one (written before 1.2) is
 * taken as the same.
 */
const refuseOtherContent = (input: InboundMessage, stored: Message, digest: string) => {
  const first = stored.tags.content
  if (!first || first === digest) return
  const field = whatDiffers(input, stored)
  throw new HttpError(
    409,
    'message_id_reused',
    `messageId "${input.messageId}" was already used for a message with another ${field}; that first message is kept, unchanged. Send new content with a new messageId, such as a UUID.`,
    [{ path: field, message: `${field} differs from the message first sent with this messageId` }]
  )
}

/**
 * Creates (or finds) the user, the conversation and the message. The message is keyed by its `id` tag, so a
 * resent `messageId` returns the message written the first time (`duplicate: true`); a message found for it
 * must belong to the same user and conversation and hold the same content. `fresh`: the look a waited
 * message takes before it is written, kept on the message for a resend.
 */
export const intakeMessage = async (writer: Writer, input: InboundMessage, fresh?: LookBefore) => {
  const tags = intakeTagsFor(input, fresh?.tag)
  const { user, conversation, message } = await resolveParties(writer, input, { ...input, tags })
  if (!message) throw new Error('Botpress answered without the message it was asked to create')
  if (message.conversationId !== conversation.id || message.userId !== user.id) {
    throw new HttpError(
      409,
      'message_id_conflict',
      `messageId "${input.messageId}" was already used for a message of another user or conversation. Use a messageId that is unique for the bot, such as a UUID.`
    )
  }
  // Another request's write id, or a look that saw the message already there: an earlier request wrote it.
  const duplicate = message.tags.write !== tags.write || (fresh?.sawWritten(message) ?? false)
  if (duplicate) refuseOtherContent(input, message, tags.content)
  return { message, user, conversation, duplicate }
}
