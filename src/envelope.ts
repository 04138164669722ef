import { RuntimeError } from '@botpress/sdk'

type Tagged = { id: string; tags: Record<string, string | undefined> }

/** What the bot sent, as the channel handler receives it. */
export type BotMessage = {
  type: string
  payload: unknown
  conversation: Tagged
  user: { id: string }
  message: { id: string; createdAt: string }
}

/**
 * A bot message as the back-end gets it, whichever way: the body of its delivery, an item of a waited answer's
 * `replies`, of a read and of the failed list. The public contract's fields (never renamed or removed), plus
 * `createdAt` so a receiver can order what it gets. One shape, so a receiver can dedupe them by the same JSON.
 */
export type MessageEnvelope = {
  type: string
  payload: unknown
  conversationId: string
  botpressUserId: string
  botpressMessageId: string
  botpressConversationId: string
  createdAt: string
}

/** The back-end's own conversation id, kept in the conversation's `id` tag since intake. */
export const callerConversationId = (conversation: Tagged): string => {
  const id = conversation.tags.id
  if (!id) {
    throw new RuntimeError(
      `Conversation ${conversation.id} has no "id" tag, so its reply cannot be routed. Create conversations through the Messaging API webhook, or with the "id" tag set.`
    )
  }
  return id
}

export const buildDelivery = ({ type, payload, conversation, user, message }: BotMessage): MessageEnvelope => ({
  type,
  payload,
  conversationId: callerConversationId(conversation),
  botpressUserId: user.id,
  botpressMessageId: message.id,
  botpressConversationId: conversation.id,
  createdAt: message.createdAt,
})

/** Whether a stored message is the bot's (outgoing), not a user's. */
export const isBotMessage = (message: { direction: 'incoming' | 'outgoing' }): boolean =>
  message.direction === 'outgoing'

/**
 * A bot message as Botpress stores it (`listMessages`), in the envelope its delivery carried: what waited
 * answers and catch-up reads return, so a receiver can dedupe them against deliveries by the same JSON.
 */
export const deliveryOfStored = (
  message: { id: string; type: string; payload: unknown; userId: string; createdAt: string },
  conversation: Tagged
): MessageEnvelope => buildDelivery({ ...message, message, user: { id: message.userId }, conversation })
