import { randomUUID } from 'node:crypto'
import { buildDelivery, callerConversationId, type BotMessage } from '../envelope'
import type { Outgoing } from './deliver'

// The three bodies POSTed to the response endpoint, each with the `webhook-id` that names it. A bot message's
// envelope is built in src/envelope.ts: reads and waited answers return the very same one.

/** A bot message: its id is its `webhook-id`, the `botpressMessageId` reads and the failed list name too. */
export const messageDelivery = (message: BotMessage): Outgoing => ({
  id: message.message.id,
  body: buildDelivery(message),
})

/** Body of the check POSTed to the response endpoint when the bot owner saves the configuration. */
export const CONNECTION_CHECK = {
  type: 'ping',
  payload: { message: 'Messaging API connection check: answer 2xx. Ignore deliveries whose type is "ping".' },
} as const

export const connectionCheck = (): Outgoing => ({ id: `ping_${randomUUID()}`, body: CONNECTION_CHECK })

type EventInput = { name: string; payload: unknown }
type Conversation = { id: string; tags: Record<string, string | undefined> }

/** A custom event the bot sent (`sendEvent`), in the back-end's conversation. */
export const eventDelivery = ({ name, payload }: EventInput, conversation: Conversation): Outgoing => ({
  id: `evt_${randomUUID()}`,
  body: {
    type: 'event',
    name,
    payload,
    conversationId: callerConversationId(conversation),
    botpressConversationId: conversation.id,
    createdAt: new Date().toISOString(),
  },
})
