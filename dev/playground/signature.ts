import { Webhook } from 'standardwebhooks'
import type { SignatureVerdict } from './entries'

/** Checks a delivery's Standard Webhooks signature as a receiver would, with the bot's signing secret. */
export const signatureVerdict = (
  signingSecret: string | undefined,
  rawBody: string,
  headers: Record<string, string>
): SignatureVerdict => {
  if (!headers['webhook-signature']) return 'unsigned'
  if (!signingSecret) return 'unchecked'
  try {
    new Webhook(signingSecret).verify(rawBody, headers)
    return 'valid'
  } catch {
    return 'invalid'
  }
}
