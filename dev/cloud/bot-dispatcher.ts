import type { BotEvent, Conversation, Message, User } from './model'

/**
 * Hands events to a bot's HTTP server the way Botpress runs bots: `x-bp-operation: event_received`,
 * the event type in `x-bp-type`, and `{ event }` as the body.
 */
export const dispatchToBot = async (botUrl: string, botId: string, event: BotEvent): Promise<void> => {
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-bot-id': botId,
      'x-bp-operation': 'event_received',
      'x-bp-type': event.type,
      'x-bp-configuration': Buffer.from('{}').toString('base64'),
    },
    body: JSON.stringify({ event }),
  })
  if (!response.ok) {
    throw new Error(`the bot answered HTTP ${response.status}: ${await response.text()}`)
  }
}

/** The `message_created` event a bot receives for a user's message. */
export const messageEvent = (message: Message, user: User, conversation: Conversation): BotEvent => ({
  id: `evt_${message.id}`,
  createdAt: message.createdAt,
  type: 'message_created',
  payload: { user, conversation, message, states: {} },
  conversationId: conversation.id,
  userId: user.id,
  messageId: message.id,
  status: 'pending',
  failureReason: null,
})
