import { RuntimeError } from '@botpress/sdk'
import { randomUUID } from 'node:crypto'
import {
  hasResponseEndpoint,
  parseInboundSecret,
  readDeliveryOptions,
  readDeliverySettings,
  type Configuration,
} from './config'
import { EndpointRefusedError } from './outbound/address-filter'
import { deliverOnce } from './outbound/deliver'
import { reasonOf } from './errors'

/** Body of the check POSTed to the response endpoint when the bot owner saves the configuration. */
export const CONNECTION_CHECK = {
  type: 'ping',
  payload: { message: 'Messaging API connection check: answer 2xx. Ignore deliveries whose type is "ping".' },
} as const

/**
 * Fails the installation with a clear message unless the configuration is valid and the endpoint
 * answers the connection check (signed and with the configured headers, like every delivery) with 2xx.
 * An endpoint on a private address is refused before anything is sent. Without an endpoint there is
 * nothing to check: the back-end reads the bot's messages from the webhook URL.
 */
export const register = async ({ ctx }: { ctx: { configuration: Configuration } }) => {
  parseInboundSecret(ctx.configuration.inboundSecret)
  if (!hasResponseEndpoint(ctx.configuration)) {
    readDeliveryOptions(ctx.configuration) // a malformed setting is refused all the same
    return
  }
  const settings = readDeliverySettings(ctx.configuration)
  try {
    await deliverOnce(settings, { id: `ping_${randomUUID()}`, body: CONNECTION_CHECK })
  } catch (thrown) {
    if (thrown instanceof EndpointRefusedError) throw thrown // already says what to fix
    const reason = reasonOf(thrown)
    throw new RuntimeError(
      `${reason} The Response Endpoint URL must accept a POST and answer 2xx; fix the endpoint or the URL and save again.`
    )
  }
}
