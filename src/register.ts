import { RuntimeError } from '@botpress/sdk'
import { hasResponseEndpoint, parseInboundSecret, type Configuration } from './config'
import { EndpointRefusedError } from './outbound/address-filter'
import { connectionCheck } from './outbound/bodies'
import { deliverOnce } from './outbound/deliver'
import { readDeliveryOptions, readDeliverySettings } from './outbound/delivery-settings'
import { reasonOf } from './errors'

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
    await deliverOnce(settings, connectionCheck())
  } catch (thrown) {
    if (thrown instanceof EndpointRefusedError) throw thrown // already says what to fix
    const reason = reasonOf(thrown)
    throw new RuntimeError(
      `${reason} The Response Endpoint URL must accept a POST and answer 2xx; fix the endpoint or the URL and save again.`
    )
  }
}
