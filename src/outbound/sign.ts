import type { Webhook } from 'standardwebhooks'

/**
 * The Standard Webhooks headers of one delivery: `webhook-id` (stable across retries, so receivers can
 * drop duplicates), `webhook-timestamp` (seconds) and, with the bot owner's signer, `webhook-signature` (v1,
 * HMAC-SHA256 of "id.timestamp.body").
 */
export const webhookHeaders = (id: string, rawBody: string, signer: Webhook | undefined, now = new Date()) => {
  const headers: Record<string, string> = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  }
  if (signer) headers['webhook-signature'] = signer.sign(id, now, rawBody)
  return headers
}
