import { RuntimeError } from '@botpress/sdk'
import { randomUUID } from 'node:crypto'
import { CHANNEL, INTEGRATION_NAME } from '../../definitions/name'
import { readDeliverySettings, type Configuration } from '../config'
import { callerConversationId } from '../envelope'
import { isApiErrorOf } from '../inbound/botpress-errors'
import { deliver } from '../outbound/deliver'
import { validateInput } from './validate-input'

type Input = { conversationId: string; name: string; payload: Record<string, unknown> }
type OwnedConversation = { id: string; channel: string; integration: string; tags: Record<string, string | undefined> }
/** The one call sendEvent makes, with the bot's client as the SDK hands it. */
type ConversationReader = { getConversation: (input: { id: string }) => Promise<{ conversation: OwnedConversation }> }
type Props = { input: Input; ctx: { configuration: Configuration }; client: ConversationReader }

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

/** This integration, as Botpress names it: its name, or `<workspace handle>/<name>` when deployed privately. */
const isThisIntegration = (integration: string) => {
  const [first, second, ...rest] = integration.split('/')
  return second === undefined ? first === INTEGRATION_NAME : !!first && second === INTEGRATION_NAME && !rest.length
}

/**
 * POSTs a custom event to the back-end through the same delivery path as messages (signed, retried,
 * with the configured headers), in a conversation this integration owns.
 */
export const sendEvent = async ({ input: raw, ctx, client }: Props) => {
  const input = validateInput('sendEvent', raw)
  const conversation = await conversationOf(client, input.conversationId)
  const owned = conversation.channel === CHANNEL && isThisIntegration(conversation.integration)
  if (!owned) {
    throw new RuntimeError(
      `sendEvent: conversation ${conversation.id} belongs to ${conversation.integration}, not to the Messaging API: its back-end is not known.`
    )
  }
  await deliver(readDeliverySettings(ctx.configuration), {
    id: `evt_${randomUUID()}`,
    body: {
      type: 'event',
      name: input.name,
      payload: input.payload,
      conversationId: callerConversationId(conversation),
      botpressConversationId: conversation.id,
      createdAt: new Date().toISOString(),
    },
  })
  return {}
}
