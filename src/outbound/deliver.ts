import { RuntimeError } from '@botpress/sdk'
import type { AxiosError } from 'axios'
import { axios, axiosRetry } from '../axios'
import type { Configuration } from '../config'
import { readDeliverySettings, type DeliverySettings } from './delivery-settings'
import { deliveryAgents, endpointRefused, refusedAddress } from './address-filter'
import { createBoundedHttp, isTimeout } from './bounded-http'
import { delayMs, fitsBudget, isRetryable, MIN_ATTEMPT_MS } from './retry-schedule'
import { webhookHeaders } from './sign'

/** What is POSTed: the body, and the id that names it in `webhook-id` on every attempt. */
export type Outgoing = { id: string; body: unknown }

export type DeliveryReport = { attempts: number; elapsedMs: number }

const http = createBoundedHttp()
axiosRetry(http, { retries: 0 })

const describe = (error: AxiosError, timeoutMs: number): string => {
  if (error.response) {
    const status = error.response.status
    return isRetryable(error)
      ? `the endpoint answered HTTP ${status}`
      : `the endpoint answered HTTP ${status} (not retried: it refused the delivery; answer 2xx to accept)`
  }
  if (isTimeout(error.code)) return `no answer within ${timeoutMs} ms`
  return `network error ${error.code ?? error.message}`
}

/**
 * POSTs one delivery to the response endpoint: signed, with the configured headers, retried with backoff
 * on failures that can succeed later, within the policy's attempts and time budget. When it cannot deliver,
 * it throws a RuntimeError the bot owner can act on, naming the endpoint by host only (paths and query
 * strings may carry secrets) and never a header value.
 */
export const deliver = async (settings: DeliverySettings, outgoing: Outgoing): Promise<DeliveryReport> => {
  const { endpoint, policy } = settings
  const raw = JSON.stringify(outgoing.body)
  const startedAt = Date.now()
  const elapsed = () => Date.now() - startedAt
  let attempts = 1
  let nextDelay = 0
  try {
    await http.post(endpoint.href, raw, {
      timeout: policy.attemptTimeoutMs,
      ...deliveryAgents(),
      headers: {
        ...settings.headers,
        'content-type': 'application/json',
        'user-agent': 'botpress-messaging-api',
        ...webhookHeaders(outgoing.id, raw, settings.signer),
      },
      'axios-retry': {
        retries: policy.attempts - 1,
        shouldResetTimeout: true,
        retryCondition: (error) =>
          !refusedAddress(error) && isRetryable(error) && fitsBudget(attempts, error, policy, elapsed()),
        retryDelay: (retry, error) => {
          nextDelay = Math.min(delayMs(retry, error, policy), policy.budgetMs - elapsed() - MIN_ATTEMPT_MS)
          return nextDelay
        },
        onRetry: (_retry, _error, config) => {
          attempts += 1
          config.timeout = Math.min(policy.attemptTimeoutMs, policy.budgetMs - elapsed() - nextDelay)
          // The last attempt's deadline, spent or not, is not the next one's: that one gets its own when sent.
          config.signal = undefined
        },
      },
    })
    return { attempts, elapsedMs: elapsed() }
  } catch (thrown) {
    const refused = refusedAddress(thrown)
    if (refused) throw endpointRefused(endpoint, refused)
    const reason = axios.isAxiosError(thrown) ? describe(thrown, policy.attemptTimeoutMs) : String(thrown)
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
    throw new RuntimeError(
      `Delivery to ${endpoint.host} failed after ${tries} in ${(elapsed() / 1000).toFixed(1)} s: ${reason}.`
    )
  }
}

/**
 * One attempt, no retry: the connection check, and a redelivery asked for by the back-end (which retries by
 * asking again). Made only when its whole attempt timeout fits in `withinMs`, so that a slow endpoint is never
 * cut short of the Delivery Timeout it was promised.
 */
export const deliverOnce = async (
  settings: DeliverySettings,
  outgoing: Outgoing,
  withinMs = Infinity
): Promise<'delivered' | 'not_attempted'> => {
  const { policy } = settings
  if (withinMs < policy.attemptTimeoutMs) return 'not_attempted'
  await deliver({ ...settings, policy: { ...policy, attempts: 1, budgetMs: policy.attemptTimeoutMs } }, outgoing)
  return 'delivered'
}

/** A redelivery the back-end asked for: one attempt, with the bot owner's settings (read once per configuration). */
export const redeliverOnce = (configuration: Configuration, outgoing: Outgoing, withinMs: number) =>
  deliverOnce(readDeliverySettings(configuration), outgoing, withinMs)
