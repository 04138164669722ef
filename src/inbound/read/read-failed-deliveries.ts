import type { Client, Message } from '@botpress/client'
import { DELIVERY_FAILED } from '../../delivery-tags'
import type { MessageEnvelope } from '../../envelope'
import { deliveryOfTagged } from '../../feed-tag'
import type { CallCounter } from '../../botpress/call-count'
import { openRead, type OpenRead } from './open-read'
import { readPage, type ReadScope } from './read-page'
import { cursorFrom, readStart } from './read-start'

export type FailedDeliveryReader = Pick<Client, 'listMessages' | 'getMessage'>

/** A bot message whose delivery finally failed, in its delivery envelope, with when and why. */
export type FailedDelivery = MessageEnvelope & { failedAt: string; reason: string }

const failedDeliveryOf = (message: Message): FailedDelivery | undefined => {
  const delivery = deliveryOfTagged(message)
  const { deliveryFailedAt, deliveryError } = message.tags
  return delivery && deliveryFailedAt
    ? { ...delivery, failedAt: deliveryFailedAt, reason: deliveryError ?? '' }
    : undefined
}

/**
 * Opens `GET {webhook URL}/deliveries?status=failed`: the bot messages marked as not delivered
 * (`delivery-tags.ts`), oldest first by their creation, listed by that tag alone, so its cost follows the
 * failures. A message is marked up to 25 s after its creation (when its retries end): a cursor pages through
 * one listing, and a read from the start sees every failure marked by then.
 */
export const openFailedDeliveriesRead = async (
  client: FailedDeliveryReader,
  query: { after?: string; limit: number },
  counter: CallCounter,
  clock: () => number
): Promise<OpenRead> => {
  const scope: ReadScope = {
    filter: { tags: { ...DELIVERY_FAILED } },
    looksBack: false,
    judge: async (passed) => passed.map(failedDeliveryOf),
  }
  const start = await readStart(client, query.after, 'the failed deliveries')
  const cursor = cursorFrom(start, 'tagged', clock, 0)
  return openRead(
    cursor,
    async (from, readAtMs) => ({
      page: await readPage(client, scope, from, query.limit, counter, readAtMs),
      listing: 'tagged',
    }),
    undefined,
    clock
  )
}
