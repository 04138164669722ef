import { RuntimeError } from '@botpress/sdk'
import axios from 'axios'

/** Timeout of one POST to the response endpoint: a hanging endpoint must not hang the bot. */
export const DELIVERY_TIMEOUT_MS = 10_000

/**
 * POSTs JSON to the response endpoint and fails with a RuntimeError the bot owner can act on.
 * The message names the endpoint by host only: paths and query strings may carry secrets.
 */
export const postJson = async (endpoint: URL, body: unknown): Promise<void> => {
  try {
    await axios.post(endpoint.href, body, {
      timeout: DELIVERY_TIMEOUT_MS,
      headers: { 'content-type': 'application/json', 'user-agent': 'botpress-messaging-api' },
      validateStatus: (status) => status >= 200 && status < 300,
      maxRedirects: 0,
    })
  } catch (thrown) {
    throw new RuntimeError(`Delivery to ${endpoint.host} failed: ${describeFailure(thrown)}`)
  }
}

const describeFailure = (thrown: unknown): string => {
  if (axios.isAxiosError(thrown)) {
    if (thrown.response) {
      return `the endpoint answered HTTP ${thrown.response.status} (expected 2xx)`
    }
    if (thrown.code === 'ECONNABORTED' || thrown.code === 'ETIMEDOUT') {
      return `no answer within ${DELIVERY_TIMEOUT_MS} ms`
    }
    return `network error ${thrown.code ?? 'unknown'}`
  }
  return thrown instanceof Error ? thrown.message : 'unknown error'
}
