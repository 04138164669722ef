import * as bp from '.botpress'
import { getOrCreateUser } from './actions/get-or-create-user'
import { sendEvent } from './actions/send-event'
import { startConversation } from './actions/start-conversation'
import type { BotpressWriter } from './inbound/parties'
import { IdCache } from './id-cache'
import { ClientPool } from './inbound/client-pool'
import { handleWebhook, type WebhookProps } from './inbound/webhook'
import { sendMessage } from './outbound/send-message'
import { register } from './register'

// Both live as long as the process: one deployment serves many bots, kept apart by their keys.
const idCache = new IdCache()
const clients = new ClientPool()

export default new bp.Integration({
  register,
  unregister: async () => {},
  handler: ({ req, ctx, client, logger }) =>
    // The SDK's client takes the same requests as the API client, only typed per integration.
    handleWebhook({
      req,
      ctx,
      ownClient: client as unknown as WebhookProps['ownClient'],
      logger: logger.forBot(),
      cache: idCache,
      clients,
    }),
  actions: {
    sendEvent: ({ input, ctx, client }) => sendEvent({ input, ctx, client }),
    startConversation: ({ input, ctx, client }) =>
      startConversation({ input, ctx, client: client as unknown as BotpressWriter, cache: idCache }),
    getOrCreateUser: ({ input, ctx, client }) =>
      getOrCreateUser({ input, ctx, client: client as unknown as BotpressWriter, cache: idCache }),
  },
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
