import { hasResponseEndpoint, readDeliverySettings, type Configuration } from '../config'
import { buildDelivery, type BotMessage } from '../envelope'
import { signalBotMessage, type Tenant } from '../message-signal'
import { deliver } from './deliver'

type SendProps = BotMessage & { ctx: Tenant & { configuration: Configuration } }

/**
 * The one sender behind every message type of the channel. Reads waiting on this instance hear of the message
 * first; then it is delivered, unless the bot owner set no endpoint: the back-end then reads it from the
 * webhook URL, and the bot's send succeeds as it does for any channel.
 */
export const sendMessage = async ({ ctx, ...message }: SendProps): Promise<void> => {
  signalBotMessage(ctx, message.conversation.id)
  if (!hasResponseEndpoint(ctx.configuration)) return
  await deliver(readDeliverySettings(ctx.configuration), { id: message.message.id, body: buildDelivery(message) })
}
