import { createHash, timingSafeEqual } from 'node:crypto'
import { INBOUND_SECRET_MIN_LENGTH } from '../../config'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Whether the bearer token is the bot owner's inbound shared secret. Compared in constant time
 * (over SHA-256 digests, so the lengths match); a secret too short to be safe is never accepted.
 */
export const isInboundSecret = (token: string, secret: string | undefined): boolean =>
  !!secret && secret.length >= INBOUND_SECRET_MIN_LENGTH && timingSafeEqual(digest(token), digest(secret))
