import { RuntimeError } from '@botpress/sdk'
import { hasResponseEndpoint, type Configuration } from '../config'
import { readDeliverySettings } from '../outbound/delivery-settings'
import { isOwnConversation } from '../conversation-owner'
import { isApiErrorOf } from '../botpress/botpress-errors'
import { eventDelivery } from '../outbound/bodies'
import { deliver } from '../outbound/deliver'
import { validateInput } from './validate-input'

type BotpressConversation = {
  id: string
  channel: string
  integration: string
  tags: Record<string, string | undefined>
}
/** The one call sendEvent makes, with the bot's client as the SDK hands it. */
type ConversationReader = {
  getConversation: (input: { id: string }) => Promise<{ conversation: BotpressConversation }>
}
type Props = { input: unknown; ctx: { configuration: Configuration }; client: ConversationReader }

const conversationOf = async (client: Props['client'], id: string) => {
  try {
    return (await client.getConversation({ id })).conversation
  } catch (thrown) {
    if (isApiErrorOf(thrown, 'ResourceNotFound')) {
      throw new RuntimeError(`sendEvent: conversation ${id} does not exist. Pass the Botpress conversation id.`)
    }
    throw thrown
  }
}

/**
 * The Botpress conversation the event is for: `botpressConversationId`, or its deprecated name
 * `conversationId` (everywhere else the back-end's id), which bots written before 1.2 still send.
 */
const botpressConversationOf = (input: { botpressConversationId?: string; conversationId?: string }) => {
  const { botpressConversationId: id, conversationId: oldName } = input
  if (id && oldName && id !== oldName) {
    throw new RuntimeError(
      'sendEvent: botpressConversationId and conversationId (its deprecated name) differ: send botpressConversationId alone.'
    )
  }
  const chosen = id ?? oldName
  if (!chosen) {
    throw new RuntimeError(
      'sendEvent: botpressConversationId is required: the Botpress conversation id, as the bot has it.'
    )
  }
  return chosen
}

/** What the bot is told when the bot owner set no endpoint: an event is pushed, never stored, so it would be lost. */
export const NO_ENDPOINT_FOR_EVENTS =
  'sendEvent: no Response Endpoint URL is configured: events to the back-end need one (they are pushed, not stored like messages). Set Response Endpoint URL in the Messaging API configuration, or send a message instead: the back-end reads messages from the webhook URL.'

/**
 * POSTs a custom event to the back-end through the same delivery path as messages (signed, retried,
 * with the configured headers), in a conversation this integration owns. Without an endpoint, it fails
 * at once: an event has nowhere else to go.
 */
export const sendEvent = async ({ input: raw, ctx, client }: Props) => {
  const input = validateInput('sendEvent', raw)
  if (!hasResponseEndpoint(ctx.configuration)) throw new RuntimeError(NO_ENDPOINT_FOR_EVENTS)
  const conversation = await conversationOf(client, botpressConversationOf(input))
  if (!isOwnConversation(conversation)) {
    throw new RuntimeError(
      `sendEvent: conversation ${conversation.id} belongs to ${conversation.integration}, not to the Messaging API: its back-end is not known.`
    )
  }
  await deliver(readDeliverySettings(ctx.configuration), eventDelivery(input, conversation))
  return {}
}
