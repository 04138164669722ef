import type { BotEvent, Conversation, Message, User } from './model'

/** Botpress keeps at most this much of a failure's reason (the definition's `failureReason` maxLength). */
const MAX_REASON_LENGTH = 2000

/** What the bot made of an event, as Botpress records it in the event's `status`. */
export type BotVerdict = { status: 'processed' } | { status: 'failed'; failureReason: string }

/** An SDK bot answers a handler that threw with HTTP 500 and `{ error: <the error's message> }`. */
const failureReasonOf = async (response: Response): Promise<string> => {
  const text = await response.text()
  let reason = `The bot answered HTTP ${response.status}: ${text}`
  try {
    const { error } = JSON.parse(text) as { error?: unknown }
    if (typeof error === 'string') reason = error
  } catch {
    // Not JSON: the whole answer is the reason.
  }
  return reason.slice(0, MAX_REASON_LENGTH)
}

/**
 * Hands events to a bot's HTTP server the way Botpress runs bots: `x-bp-operation: event_received`,
 * the event type in `x-bp-type`, and `{ event }` as the body. Resolves once the bot's handlers finished.
 */
export const dispatchToBot = async (botUrl: string, botId: string, event: BotEvent): Promise<BotVerdict> => {
  try {
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
    return response.ok ? { status: 'processed' } : { status: 'failed', failureReason: await failureReasonOf(response) }
  } catch (error) {
    return { status: 'failed', failureReason: `The bot could not be reached: ${String(error)}` }
  }
}

/** The `message_created` event Botpress keeps for a user's message, linked to it, until the bot has handled it. */
export const messageEvent = (message: Message, user: User, conversation: Conversation) => ({
  type: 'message_created',
  payload: { user, conversation, message, states: {} },
  conversationId: conversation.id,
  userId: user.id,
  messageId: message.id,
})
