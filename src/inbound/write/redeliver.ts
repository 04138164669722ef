import type { Client, Message } from '@botpress/client'
import type { Request } from '@botpress/sdk'
import { hasResponseEndpoint, type Configuration } from '../../config'
import { DELIVERY_FAILED, DELIVERY_MARK_CLEARED, failedDeliveryTags } from '../../delivery-tags'
import type { MessageEnvelope } from '../../envelope'
import { HttpError, jsonResponse, reasonOf } from '../../errors'
import { deliveryOfTagged } from '../../feed-tag'
import { findMessage } from '../../botpress/find-message'
import { msLeft } from '../../botpress/call-deadline'
import { requireObject, parseFields } from '../request/field-issues'
import { readJsonBody } from '../request/read-body'
import { redeliverRequestSchema } from '../request/request-schemas'

/**
 * One attempt of a delivery with the bot owner's delivery settings, made only when its whole Delivery Timeout
 * fits in `withinMs` (outbound's `deliverOnce`, handed in by index.ts: the webhook never imports outbound/).
 * Throws the reason when the endpoint does not take it, or a setting is invalid.
 */
export type DeliverOnce = (
  configuration: Configuration,
  outgoing: { id: string; body: MessageEnvelope },
  withinMs: number
) => Promise<'delivered' | 'not_attempted'>

export type RedeliveryClient = Pick<Client, 'getMessage' | 'updateMessage'>

export type Redelivery = {
  botpressMessageId: string
  status: 'delivered' | 'failed' | 'not_attempted' | 'not_failed' | 'not_found'
  reason?: string
}

/** Kept out of the time left before each attempt: the mark it sets or clears, and the answer. */
const KEPT_AFTER_ATTEMPT_MS = 3_000

/** The ids of a body POSTed to `/deliveries/redeliver`, each once, in the caller's order. */
const parseRedeliverRequest = (body: unknown): string[] => {
  return [...new Set(parseFields(redeliverRequestSchema, requireObject(body)).botpressMessageIds)]
}

const noEndpoint = () =>
  new HttpError(
    409,
    'delivery_not_configured',
    'No Response Endpoint URL is configured, so nothing can be delivered: set one in the integration’s configuration, or read the messages from GET /messages.'
  )

type Marked = { id: string; message: Message; delivery: MessageEnvelope }

const notFound = (id: string, reason: string): Redelivery => ({ botpressMessageId: id, status: 'not_found', reason })

/**
 * The message and its delivery envelope when it is marked as failed, or why it is not sent: one `getMessage`.
 * Only a failed delivery is sent again: one that succeeded may be long forgotten by a receiver that drops
 * duplicates by `webhook-id`, and would be handled twice.
 */
const lookUp = async (client: RedeliveryClient, id: string): Promise<Marked | Redelivery> => {
  const message = await findMessage(client, id, 'reading the message to redeliver')
  if (!message) return notFound(id, 'Botpress has no message with this id for the bot.')
  const delivery = deliveryOfTagged(message)
  if (!delivery) return notFound(id, 'Not a bot message of this integration: it has no delivery.')
  if (message.tags.deliveryStatus !== DELIVERY_FAILED.deliveryStatus) {
    return {
      botpressMessageId: id,
      status: 'not_failed',
      reason: 'Its delivery did not fail: nothing to send again (GET /messages reads it back).',
    }
  }
  return { id, message, delivery }
}

const isMarked = (looked: Marked | Redelivery): looked is Marked => 'delivery' in looked

const oldestFirst = (a: Marked, b: Marked) =>
  Date.parse(a.message.createdAt) - Date.parse(b.message.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Sends each failed delivery once more, as its first attempts did: the same body and `webhook-id`, a fresh
 * signature, the same address filter and Delivery Timeout. Oldest first, one after another, so they arrive in
 * order; one attempt each, all within the request's budget: one whose whole timeout no longer fits is
 * `not_attempted`. A delivered message loses its mark (one `updateMessage`); one that fails again gets the
 * new when and why (one too). The lookups come first: they are where Botpress checks the caller's token, so
 * nothing about the configuration is told to a caller it refuses.
 */
export const redeliver = async (
  client: RedeliveryClient,
  ids: string[],
  configuration: Configuration,
  deliverOnce: DeliverOnce
): Promise<Redelivery[]> => {
  const looked = await Promise.all(ids.map((id) => lookUp(client, id)))
  const marked = looked.filter(isMarked).sort(oldestFirst)
  if (marked.length && !hasResponseEndpoint(configuration)) throw noEndpoint()
  const results = new Map<string, Redelivery>()
  for (const one of looked) if (!isMarked(one)) results.set(one.botpressMessageId, one)
  for (const one of marked) results.set(one.id, await redeliverOne(client, one, configuration, deliverOnce))
  return ids.map((id) => results.get(id)!)
}

const redeliverOne = async (
  client: RedeliveryClient,
  { id, delivery }: Marked,
  configuration: Configuration,
  deliverOnce: DeliverOnce
): Promise<Redelivery> => {
  let sent: 'delivered' | 'not_attempted'
  try {
    sent = await deliverOnce(configuration, { id, body: delivery }, msLeft() - KEPT_AFTER_ATTEMPT_MS)
  } catch (thrown) {
    // Still listed either way: a mark that cannot be updated keeps the first failure's when and why.
    await client.updateMessage({ id, tags: failedDeliveryTags(thrown) }).catch(() => undefined)
    return { botpressMessageId: id, status: 'failed', reason: reasonOf(thrown) }
  }
  if (sent === 'not_attempted') {
    return { botpressMessageId: id, status: 'not_attempted', reason: 'The request ran out of time: send it again.' }
  }
  try {
    await client.updateMessage({ id, tags: DELIVERY_MARK_CLEARED })
    return { botpressMessageId: id, status: 'delivered' }
  } catch (thrown) {
    return {
      botpressMessageId: id,
      status: 'delivered',
      reason: `Delivered, but still listed as failed: Botpress did not clear the mark (${reasonOf(thrown)}).`,
    }
  }
}

type RedeliverDeps = {
  req: Request
  caller: RedeliveryClient
  ctx: { configuration: Configuration }
  deliverOnce: DeliverOnce
}

/** `POST {webhook URL}/deliveries/redeliver`: the failed deliveries named, sent again; one result per id. */
export const answerRedeliver = async ({ req, caller, ctx, deliverOnce }: RedeliverDeps) => {
  const ids = parseRedeliverRequest(readJsonBody(req))
  return jsonResponse(200, { results: await redeliver(caller, ids, ctx.configuration, deliverOnce) })
}
