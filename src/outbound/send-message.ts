import { readDeliverySettings, type Configuration } from '../config'
import { deliver } from './deliver'
import { buildDelivery, type BotMessage } from '../envelope'

type SendProps = BotMessage & { ctx: { configuration: Configuration } }

/** The one sender behind every message type of the channel. */
export const sendMessage = async ({ ctx, ...message }: SendProps): Promise<void> => {
  await deliver(readDeliverySettings(ctx.configuration), { id: message.message.id, body: buildDelivery(message) })
}
