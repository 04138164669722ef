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
    conversation: {
      tags: { id: idTag('conversation') },
      creation: { enabled: true, requiredTags: ['id'] },
    },
  },
} satisfies Record<string, ChannelDefinition>

export const user = {
  tags: { id: idTag('user') },
  creation: { enabled: true, requiredTags: ['id'] },
}
