import { RuntimeError } from '@botpress/sdk'
import { parseResponseEndpoint } from './config'
import { postJson } from './outbound/post-json'

/** Body of the check POSTed to the response endpoint when the bot owner saves the configuration. */
export const CONNECTION_CHECK = {
  type: 'ping',
  payload: { message: 'Messaging API connection check: answer 2xx. Ignore deliveries whose type is "ping".' },
} as const

/** Fails the installation with a clear message unless the endpoint is an http(s) URL that answers 2xx. */
export const register = async ({ ctx }: { ctx: { configuration: { responseEndpointURL: string } } }) => {
  const endpoint = parseResponseEndpoint(ctx.configuration.responseEndpointURL)
  try {
    await postJson(endpoint, CONNECTION_CHECK)
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown)
    throw new RuntimeError(
      `${reason}. The Response Endpoint URL must accept a POST and answer 2xx; fix the endpoint or the URL and save again.`
    )
  }
}
