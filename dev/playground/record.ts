import type { IncomingHttpHeaders } from 'node:http'
import type { WebhookExchange } from '../cloud/local-cloud'
import type { InboxEntry } from '../inbox/inbox'
import type { DeliveryEntry, LogEntry, NewLogEntry } from './entries'
import { maskHeaders } from './mask'
import { signatureVerdict } from './signature'

/** A webhook exchange as the log keeps it: the caller's credentials masked, everything else as it was. */
export const exchangeEntry = ({ at, durationMs, request, response }: WebhookExchange): NewLogEntry => ({
  kind: 'exchange',
  at,
  durationMs,
  request: { ...request, headers: maskHeaders(request.headers) },
  response,
})

const flatten = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')])
  )

/**
 * One delivery attempt as the log keeps it: which attempt it is (retries repeat the `webhook-id`, so the
 * earlier ones still in `log` say), how long after the first, and whether its signature holds.
 */
export const deliveryEntry = (
  delivery: InboxEntry,
  url: string,
  signingSecret: string | undefined,
  log: LogEntry[]
): NewLogEntry => {
  const headers = maskHeaders(flatten(delivery.headers))
  const webhookId = headers['webhook-id']
  const earlier = log.filter(
    (entry): entry is DeliveryEntry =>
      entry.kind === 'delivery' && !!webhookId && entry.headers['webhook-id'] === webhookId
  )
  const first = earlier[0]
  return {
    kind: 'delivery',
    at: delivery.at,
    url,
    headers,
    body: delivery.raw,
    status: delivery.status,
    signature: signatureVerdict(signingSecret, delivery.raw, flatten(delivery.headers)),
    attempt: earlier.length + 1,
    sinceFirstAttemptMs: first ? Date.parse(delivery.at) - Date.parse(first.at) : 0,
  }
}
