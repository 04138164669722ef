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
      },
    },
    conversation: { tags: { id: idTag('conversation') } },
  },
} satisfies Record<string, ChannelDefinition>

// No `creation` blocks: Botpress deprecated them (the CLI refuses to deploy them). A bot gets or creates
// users and conversations by the back-end's ids through the actions getOrCreateUser and startConversation.
export const user = { tags: { id: idTag('user') } }
