import { messages, type ChannelDefinition } from '@botpress/sdk'
import { CHANNEL } from './name'

const idTag = (what: string) => ({
  title: `Your ${what} ID`,
  description: `The ${what} ID your back-end sent (its "${what}Id" field)`,
})

export const channels = {
  [CHANNEL]: {
    title: 'Messaging API',
    description: 'Messages exchanged with your back-end over HTTP',
    messages: { ...messages.defaults },
    message: { tags: { id: idTag('message') } },
    conversation: { tags: { id: idTag('conversation') } },
  },
} satisfies Record<string, ChannelDefinition>

// No `creation` blocks: Botpress deprecated them (the CLI refuses to deploy them). A bot gets or creates
// users and conversations by the back-end's ids through the actions getOrCreateUser and startConversation.
export const user = { tags: { id: idTag('user') } }
