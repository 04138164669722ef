import { parseResponseEndpoint } from '../config'
import { buildDelivery, type BotMessage } from './envelope'
import { postJson } from './post-json'

type SendProps = BotMessage & { ctx: { configuration: { responseEndpointURL: string } } }

/** The one sender behind every message type of the channel. */
export const sendMessage = async ({ ctx, ...message }: SendProps): Promise<void> => {
  const endpoint = parseResponseEndpoint(ctx.configuration.responseEndpointURL)
  await postJson(endpoint, buildDelivery(message))
}
