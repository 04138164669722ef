import type { Client, Message } from '@botpress/client'
import { hasResponseEndpoint, readDeliverySettings, type Configuration, type DeliverySettings } from '../../config'
import { DELIVERY_FAILED, DELIVERY_MARK_CLEARED, failedDeliveryTags } from '../../delivery-tags'
import type { Delivery } from '../../envelope'
import { HttpError } from '../../errors'
import { deliveryOfTagged } from '../../feed-tag'
import { fromBotpressError, isApiErrorOf } from '../botpress/botpress-errors'
import { msLeft } from '../botpress/call-deadline'
import { invalidBody, requireObject, toFieldIssues } from '../request/field-issues'
import { redeliverRequestSchema } from '../request/request-schemas'

/**
 * One attempt of a delivery, within `withinMs` (outbound's `deliverOnce`, handed in by index.ts: the webhook
 * never imports outbound/). Throws the reason when the endpoint does not take it.
 */
export type DeliverOnce = (
  settings: DeliverySettings,
  outgoing: { id: string; body: Delivery },
  withinMs: number
) => Promise<'delivered' | 'not_attempted'>

export type RedeliveryClient = Pick<Client, 'getMessage' | 'updateMessage'>

export type Redelivery = {
  botpressMessageId: string
  status: 'delivered' | 'failed' | 'not_attempted' | 'not_found'
  reason?: string
}

/** Kept for the calls after the last attempt (its mark) and the answer, out of the request's budget. */
const AFTER_LAST_ATTEMPT_MS = 3_000

const messageOf = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown))

/** The ids of a body POSTed to `/deliveries/redeliver`, each once, in the caller's order. */
export const parseRedeliverRequest = (body: unknown): string[] => {
  const parsed = redeliverRequestSchema.safeParse(requireObject(body))
  if (!parsed.success) throw invalidBody(toFieldIssues(parsed.error.issues))
  return [...new Set(parsed.data.botpressMessageIds)]
}

/** Where deliveries go: a request to redeliver needs the endpoint that refused them, and valid settings. */
export const redeliverySettings = (configuration: Configuration): DeliverySettings => {
  if (!hasResponseEndpoint(configuration)) {
    throw new HttpError(
      409,
      'delivery_not_configured',
      'No Response Endpoint URL is configured, so nothing can be delivered: set one in the integration’s configuration, or read the messages from GET /messages.'
    )
  }
  try {
    return readDeliverySettings(configuration)
  } catch (thrown) {
    throw new HttpError(409, 'delivery_not_configured', `${messageOf(thrown)} Fix the integration’s configuration.`)
  }
}

type Found = { id: string; message: Message; delivery: Delivery }

/** The message and its delivery envelope, or why it cannot be delivered: one `getMessage`. */
const lookUp = async (client: RedeliveryClient, id: string): Promise<Found | Redelivery> => {
  try {
    const { message } = await client.getMessage({ id })
    const delivery = deliveryOfTagged(message)
    if (delivery) return { id, message, delivery }
    return {
      botpressMessageId: id,
      status: 'not_found',
      reason: 'Not a bot message of this integration (or one sent before version 1.2): it has no delivery.',
    }
  } catch (thrown) {
    if (!isApiErrorOf(thrown, 'ResourceNotFound')) throw fromBotpressError('reading the message', thrown)
    return { botpressMessageId: id, status: 'not_found', reason: 'Botpress has no message with this id for the bot.' }
  }
}

const isFound = (looked: Found | Redelivery): looked is Found => 'delivery' in looked

const oldestFirst = (a: Found, b: Found) =>
  Date.parse(a.message.createdAt) - Date.parse(b.message.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Sends each message once more, as its first attempts did: the same body and `webhook-id`, a fresh signature,
 * the same address filter and attempt timeout. Oldest first, one after another, so they arrive in order; one
 * attempt each, all within the request's budget: those it cannot reach are `not_attempted`. A delivered
 * message loses its failure mark (one `updateMessage`); one that fails again gets the new when and why.
 * Costs one `getMessage` per id and one `updateMessage` per attempt that changes the mark.
 */
export const redeliver = async (
  client: RedeliveryClient,
  ids: string[],
  settings: DeliverySettings,
  deliverOnce: DeliverOnce
): Promise<Redelivery[]> => {
  const looked = await Promise.all(ids.map((id) => lookUp(client, id)))
  const results = new Map<string, Redelivery>()
  for (const one of looked) if (!isFound(one)) results.set(one.botpressMessageId, one)
  for (const { id, message, delivery } of looked.filter(isFound).sort(oldestFirst)) {
    results.set(id, await redeliverOne(client, { id, message, delivery }, settings, deliverOnce))
  }
  return ids.map((id) => results.get(id)!)
}

const redeliverOne = async (
  client: RedeliveryClient,
  { id, message, delivery }: Found,
  settings: DeliverySettings,
  deliverOnce: DeliverOnce
): Promise<Redelivery> => {
  const marked = message.tags.deliveryStatus === DELIVERY_FAILED.deliveryStatus
  let sent: 'delivered' | 'not_attempted'
  try {
    sent = await deliverOnce(settings, { id, body: delivery }, msLeft() - AFTER_LAST_ATTEMPT_MS)
  } catch (thrown) {
    await client.updateMessage({ id, tags: failedDeliveryTags(thrown) }).catch(() => undefined)
    return { botpressMessageId: id, status: 'failed', reason: messageOf(thrown) }
  }
  if (sent === 'not_attempted') {
    return { botpressMessageId: id, status: 'not_attempted', reason: 'The request ran out of time: send it again.' }
  }
  if (!marked) return { botpressMessageId: id, status: 'delivered' }
  try {
    await client.updateMessage({ id, tags: { ...DELIVERY_MARK_CLEARED } })
    return { botpressMessageId: id, status: 'delivered' }
  } catch (thrown) {
    return {
      botpressMessageId: id,
      status: 'delivered',
      reason: `Delivered, but still listed as failed: Botpress did not clear the mark (${messageOf(thrown)}).`,
    }
  }
}
