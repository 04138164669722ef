import { RuntimeError, type z } from '@botpress/sdk'
import type { configuration } from '../definitions/configuration'

/**
 * What the bot owner may set, as definitions/configuration.ts declares it. Optional throughout: without a
 * Response Endpoint URL nothing is delivered, and the back-end reads the bot's messages from the webhook URL.
 */
export type Configuration = z.infer<typeof configuration.schema>

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
  signingSecret?: string
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

const parseSigningSecret = (secret: string | undefined): string | undefined => {
  if (!secret) return undefined
  const problem = 'Signing Secret must be "whsec_" followed by base64 of 24 to 64 random bytes'
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) throw new RuntimeError(`${problem}.`)
  const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length
  if (bytes < 24 || bytes > 64) throw new RuntimeError(`${problem} (it decodes to ${bytes} bytes).`)
  // Required here, not imported: only deliveries read the secret, so a fresh instance does not load the library
  // before its first answer (the webhook imports this module for the inbound secret's rule).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Webhook } = require('standardwebhooks') as typeof import('standardwebhooks')
  new Webhook(secret) // throws on a secret the library cannot use
  return secret
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

export const INBOUND_SECRET_MIN_LENGTH = 32

/**
 * The shared secret a back-end may send instead of a personal access token, when the bot owner set one.
 * Callers' headers arrive trimmed, so a secret of whitespace, or padded with it, could never match.
 */
export const parseInboundSecret = (secret: string | undefined): string | undefined => {
  if (!secret) return undefined
  if (secret.trim() === '') {
    throw new RuntimeError(
      'Inbound Shared Secret is only whitespace, which no caller can send: set a random secret (e.g. from `openssl rand -hex 32`) or leave it empty.'
    )
  }
  if (secret !== secret.trim()) {
    throw new RuntimeError(
      'Inbound Shared Secret must not start or end with whitespace: HTTP trims it from the header, so no caller could match it. Remove it and save again.'
    )
  }
  if (secret.length < INBOUND_SECRET_MIN_LENGTH) {
    throw new RuntimeError(
      `Inbound Shared Secret must be at least ${INBOUND_SECRET_MIN_LENGTH} characters (e.g. from \`openssl rand -hex 32\`).`
    )
  }
  return secret
}

/**
 * Whether the bot owner set a Response Endpoint URL. An empty field counts as none: the dashboard may save a
 * cleared field as "".
 */
export const hasResponseEndpoint = (
  configuration: Configuration
): configuration is Configuration & { responseEndpointURL: string } => !!configuration.responseEndpointURL?.trim()

/** What a delivery needs besides its endpoint, checked once; optional settings are clamped to safe ranges. */
export const readDeliveryOptions = (configuration: Configuration): Omit<DeliverySettings, 'endpoint'> => ({
  signingSecret: parseSigningSecret(configuration.signingSecret),
  headers: parseHeaders(configuration.deliveryHeaders),
  policy: {
    ...DEFAULT_POLICY,
    attempts: clamp(configuration.maxDeliveryAttempts, 1, 6, DEFAULT_POLICY.attempts),
    attemptTimeoutMs: clamp(configuration.deliveryTimeoutSeconds, 1, 15, DEFAULT_POLICY.attemptTimeoutMs / 1000) * 1000,
  },
})

/** Everything a delivery needs, checked once; callers check hasResponseEndpoint first. */
export const readDeliverySettings = (configuration: Configuration): DeliverySettings => ({
  endpoint: parseResponseEndpoint(configuration.responseEndpointURL),
  ...readDeliveryOptions(configuration),
})
