import { hasResponseEndpoint, type Configuration } from '../config'
import { readDeliverySettings } from './delivery-settings'
import type { BotMessage } from '../envelope'
import { failedDeliveryTags } from '../delivery-tags'
import { feedTagsFor, type FeedTags } from '../feed-tag'
import { signalBotMessage, type Tenant } from '../message-signal'
import { messageDelivery } from './bodies'
import { deliver } from './deliver'
import { reasonOf } from '../errors'

type SendProps = BotMessage & {
  ctx: Tenant & { configuration: Configuration }
  /** Sets tags on the message (one `updateMessage`, retried within a few seconds): the feed's, a failure's. */
  tagMessage: (tags: FeedTags | ReturnType<typeof failedDeliveryTags>) => Promise<unknown>
  logError: (message: string) => void
}

/**
 * The one sender behind every message type of the channel. First it tags the message for the feed (one
 * call, at once, with or without an endpoint); then reads waiting on this instance hear of it; then it is
 * delivered, unless the bot owner set no endpoint: the back-end then reads it from the webhook URL, and the
 * bot's send succeeds as it does for any channel. A tag that cannot be set loses nothing but the feed's
 * listing: the message is still delivered, in its conversation's read and in waited answers. A delivery that
 * finally fails marks the message (`delivery-tags.ts`) and fails the bot's send, as before.
 */
export const sendMessage = async ({ ctx, tagMessage, logError, ...message }: SendProps): Promise<void> => {
  const { conversation } = message
  const callerId = conversation.tags.id
  if (callerId) {
    await tagMessage(feedTagsFor(callerId)).catch((thrown: unknown) =>
      logError(
        `Bot message ${message.message.id} could not be tagged for the feed (${reasonOf(thrown)}): ` +
          `GET /messages without conversationId will not list it; GET /messages?conversationId=${callerId} and deliveries still carry it.`
      )
    )
  }
  signalBotMessage(ctx, {
    conversationId: conversation.id,
    messageId: message.message.id,
    createdAtMs: Date.parse(message.message.createdAt),
  })
  if (!hasResponseEndpoint(ctx.configuration)) return
  try {
    await deliver(readDeliverySettings(ctx.configuration), messageDelivery(message))
  } catch (thrown) {
    // Marked in Botpress, where any instance finds it: the one more call a failed delivery costs.
    await tagMessage(failedDeliveryTags(thrown)).catch((tagFailure: unknown) =>
      logError(`Bot message ${message.message.id} could not be marked as not delivered (${reasonOf(tagFailure)}).`)
    )
    throw thrown
  }
}
