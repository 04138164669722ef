import * as bp from '.botpress'
import { handleWebhook } from './inbound/webhook'
import { sendMessage } from './outbound/send-message'
import { register } from './register'

export default new bp.Integration({
  register,
  unregister: async () => {},
  handler: ({ req, ctx, logger }) => handleWebhook(req, ctx, logger.forBot()),
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
