import * as bp from '.botpress'
import type { BotpressWriter } from './inbound/intake'
import { IdCache } from './id-cache'
import { handleWebhook } from './inbound/webhook'
import { sendMessage } from './outbound/send-message'
import { register } from './register'

/** Lives as long as the process: one deployment serves many bots, kept apart by the cache's keys. */
const idCache = new IdCache()

export default new bp.Integration({
  register,
  unregister: async () => {},
  handler: ({ req, ctx, client, logger }) =>
    // The SDK's client takes the same requests as the API client, only typed per integration.
    handleWebhook({
      req,
      ctx,
      ownClient: client as unknown as BotpressWriter,
      logger: logger.forBot(),
      cache: idCache,
    }),
  actions: {},
  channels: {
    channel: {
      messages: {
        text: sendMessage,
        markdown: sendMessage,
        image: sendMessage,
        audio: sendMessage,
        video: sendMessage,
        file: sendMessage,
        location: sendMessage,
        carousel: sendMessage,
        card: sendMessage,
        dropdown: sendMessage,
        choice: sendMessage,
        bloc: sendMessage,
      },
    },
  },
})
