import { messages, z, type ChannelDefinition } from '@botpress/sdk'
import { CHANNEL } from './name'

/**
 * Text keeps whatever else the back-end put in its payload. A message of a type outside the 12 (the seed's
 * "a different string for other types") arrives as text, with the back-end's own type and payload beside it.
 */
const text = {
  schema: messages.defaults.text.schema
    .extend({
      originalType: z
        .string()
        .optional()
        .describe('Set when your back-end sent a type of its own (such as "quick_reply"): that type'),
      originalPayload: z.any().optional().describe('With originalType: the payload your back-end sent, unchanged'),
    })
    .passthrough(),
}

const idTag = (what: string) => ({
  title: `Your ${what} ID`,
  description: `The ${what} ID your back-end sent (its "${what}Id" field)`,
})

export const channels = {
  [CHANNEL]: {
    title: 'Messaging API',
    description: 'Messages exchanged with your back-end over HTTP',
    messages: { ...messages.defaults, text },
    message: {
      tags: {
        id: idTag('message'),
        // Set by the integration on the bot's messages (src/feed-tag.ts): how the feed finds them.
        feed: {
          title: 'Listed by the feed',
          description: 'Set to "1" on every bot message of this channel, so GET /messages lists them by this tag',
        },
        conversationId: {
          title: 'Your conversation ID',
          description: 'On bot messages: the conversation ID your back-end sent, so the feed routes them',
        },
        // Set by the channel handler on a bot message whose delivery finally failed (src/delivery-tags.ts).
        deliveryStatus: {
          title: 'Delivery status',
          description: 'On bot messages: "failed" once every delivery attempt to the Response Endpoint URL failed',
        },
        deliveryFailedAt: { title: 'Delivery failed at', description: 'On bot messages: when the delivery failed' },
        deliveryError: { title: 'Delivery error', description: 'On bot messages: why the delivery failed' },
        // Set by the intake on user messages (src/inbound/write/intake-tags.ts): what a resend is compared with.
        content: {
          title: 'Content digest',
          description:
            'On user messages: a digest of the type and payload, so a messageId resent with other content is refused',
        },
        write: {
          title: 'Write ID',
          description: 'On user messages: the id of the request that wrote it, so a resend is told apart',
        },
        look: {
          title: 'Busy before',
          description:
            'On user messages sent with Prefer: wait: what the bot was busy with just before, to judge a resend',
        },
      },
    },
    conversation: { tags: { id: idTag('conversation') } },
  },
} satisfies Record<string, ChannelDefinition>

// No `creation` blocks: Botpress deprecated them (the CLI refuses to deploy them). A bot gets or creates
// users and conversations by the back-end's ids through the actions getOrCreateUser and startConversation.
export const user = { tags: { id: idTag('user') } }
