import { RuntimeError } from '@botpress/sdk'
import { createHash } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { BoundedCache } from '../bounded-cache'
import type { Configuration } from '../config'

/** How hard one delivery tries. Every attempt and wait fits in `budgetMs`, well inside a Botpress operation. */
export type RetryPolicy = {
  attempts: number
  attemptTimeoutMs: number
  budgetMs: number
  baseDelayMs: number
  maxDelayMs: number
}

export type DeliverySettings = {
  endpoint: URL
  /** Signs each delivery, when the bot owner set a Signing Secret: built once per configuration. */
  signer?: Webhook
  headers: Record<string, string>
  policy: RetryPolicy
}

export const DEFAULT_POLICY: RetryPolicy = {
  attempts: 4,
  attemptTimeoutMs: 10_000,
  budgetMs: 25_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
}

/** Headers the contract owns: a configured header never replaces them. */
export const RESERVED_HEADERS = [
  'content-type',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const clamp = (value: number | undefined, min: number, max: number, fallback: number) =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.round(value)))

/**
 * Checks the configured response endpoint and returns it as a URL.
 * Bot owners see the message, so it says what to fix.
 */
export const parseResponseEndpoint = (value: string | undefined): URL => {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw new RuntimeError(
      'Response Endpoint URL is not a valid URL. Set it to your server endpoint, e.g. https://example.com/botpress/replies'
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RuntimeError(`Response Endpoint URL must start with http:// or https:// (got ${url.protocol}//).`)
  }
  if (url.username || url.password) {
    throw new RuntimeError(
      'Response Endpoint URL must not carry credentials (user:password@). Put them in Delivery Headers instead.'
    )
  }
  return url
}

const parseSigningSecret = (secret: string | undefined): Webhook | undefined => {
  if (!secret) return undefined
  const problem = 'Signing Secret must be "whsec_" followed by base64 of 24 to 64 random bytes'
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) throw new RuntimeError(`${problem}.`)
  const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length
  if (bytes < 24 || bytes > 64) throw new RuntimeError(`${problem} (it decodes to ${bytes} bytes).`)
  return new Webhook(secret) // throws on a secret the library cannot use
}

const parseHeaders = (headers: Configuration['deliveryHeaders'] = []): Record<string, string> => {
  const parsed: Record<string, string> = {}
  for (const { name, value } of headers) {
    const lower = name.trim().toLowerCase()
    if (!HEADER_NAME.test(lower)) throw new RuntimeError(`Delivery header name "${name}" is not a valid header name.`)
    if (RESERVED_HEADERS.includes(lower)) {
      throw new RuntimeError(`Delivery header "${name}" is set by the integration itself and cannot be configured.`)
    }
    if (/[\r\n\0]/.test(value)) throw new RuntimeError(`Delivery header "${name}" has a value with a line break.`)
    parsed[lower] = value
  }
  return parsed
}

/** What a delivery needs besides its endpoint, checked once; optional settings are clamped to safe ranges. */
export const readDeliveryOptions = (configuration: Configuration): Omit<DeliverySettings, 'endpoint'> => ({
  signer: parseSigningSecret(configuration.signingSecret),
  headers: parseHeaders(configuration.deliveryHeaders),
  policy: {
    ...DEFAULT_POLICY,
    attempts: clamp(configuration.maxDeliveryAttempts, 1, 6, DEFAULT_POLICY.attempts),
    attemptTimeoutMs: clamp(configuration.deliveryTimeoutSeconds, 1, 15, DEFAULT_POLICY.attemptTimeoutMs / 1000) * 1000,
  },
})

/** Settings already read, by a digest of the configuration they were read from (it holds secrets). */
const read = new BoundedCache<string, DeliverySettings>({ max: 100 })

/**
 * Everything a delivery needs, checked and built once per configuration (every message of a bot has the same):
 * the endpoint, the signer, the headers and the policy. Callers check hasResponseEndpoint first.
 */
export const readDeliverySettings = (configuration: Configuration): DeliverySettings => {
  const key = createHash('sha256').update(JSON.stringify(configuration)).digest('base64')
  let settings = read.get(key)
  if (!settings) {
    settings = {
      endpoint: parseResponseEndpoint(configuration.responseEndpointURL),
      ...readDeliveryOptions(configuration),
    }
    read.set(key, settings)
  }
  return settings
}
