import { TAG_VALUE_LENGTH } from '../definitions/limits'
import { reasonOf } from './errors'

/**
 * The tags that mark a bot message whose delivery finally failed (declared on the channel's messages), set in
 * one `updateMessage` only then: a delivery that succeeds costs nothing more. `deliveryStatus` is what a
 * listing of failed deliveries filters by (a tag filter matches a value, not a presence); when and why beside it.
 */
export const DELIVERY_FAILED = { deliveryStatus: 'failed' } as const

export const failedDeliveryTags = (thrown: unknown, at = new Date()) => ({
  ...DELIVERY_FAILED,
  deliveryFailedAt: at.toISOString(),
  deliveryError: reasonOf(thrown).slice(0, TAG_VALUE_LENGTH),
})

/**
 * Unsets the mark once the message is delivered after all (Botpress's definition: "individual keys can be unset
 * by posting an empty value to them"), so it leaves the list of failed deliveries.
 */
export const DELIVERY_MARK_CLEARED = { deliveryStatus: '', deliveryFailedAt: '', deliveryError: '' } as const
