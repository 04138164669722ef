import * as bp from '.botpress'
import type { BotpressWriter } from './inbound/intake'
import { handleWebhook } from './inbound/webhook'
import { sendMessage } from './outbound/send-message'
import { register } from './register'

export default new bp.Integration({
  register,
  unregister: async () => {},
  // The SDK's client takes the same requests as the API client, typed per integration.
  handler: ({ req, ctx, client, logger }) =>
    handleWebhook(req, ctx, client as unknown as BotpressWriter, logger.forBot()),
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
