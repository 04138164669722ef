import type { MessageEnvelope } from './envelope'
import { deliveryOfStored, isBotMessage } from './envelope'

/**
 * The tags the channel handler sets on every bot message of this channel (one `updateMessage`, as the SDK's
 * `ack` does), declared on the channel's messages: `feed` lists this integration's bot messages without
 * walking other channels' (`listMessages` by tag), and `conversationId` is the back-end's conversation id,
 * so a message listed that way is routed without looking its conversation up.
 */
export const FEED_TAG = { feed: '1' } as const

export type FeedTags = typeof FEED_TAG & { conversationId: string }

export const feedTagsFor = (callerConversationId: string): FeedTags => ({
  ...FEED_TAG,
  conversationId: callerConversationId,
})

type Stored = Parameters<typeof deliveryOfStored>[0] & {
  conversationId: string
  direction: 'incoming' | 'outgoing'
  tags: Record<string, string | undefined>
}

/** The envelope of a tagged bot message, from the message alone; undefined for anything else. */
export const deliveryOfTagged = (message: Stored): MessageEnvelope | undefined => {
  const callerId = message.tags.conversationId
  if (!isBotMessage(message) || message.tags.feed !== FEED_TAG.feed || !callerId) return undefined
  return deliveryOfStored(message, { id: message.conversationId, tags: { id: callerId } })
}
