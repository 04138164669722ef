import { RuntimeError, type z } from '@botpress/sdk'
import type { configuration } from '../definitions/configuration'

/**
 * What the bot owner may set, as definitions/configuration.ts declares it. Optional throughout: without a
 * Response Endpoint URL nothing is delivered, and the back-end reads the bot's messages from the webhook URL.
 */
export type Configuration = z.infer<typeof configuration.schema>

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
