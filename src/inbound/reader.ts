import type { ClientPool } from './client-pool'
import type { MessageReader } from './read-messages'
import { isInboundSecret } from './shared-secret'

type ReaderContext = {
  ctx: { botId: string; integrationId: string; configuration: { inboundSecret?: string } }
  clients: ClientPool
}

/**
 * The client a read is made with: built from the caller's personal access token, so Botpress checks it;
 * with the bot owner's shared secret, the integration's own, from `@botpress/client` 1.45.0 like the
 * caller's (the SDK's own client would drop `afterDate` and `beforeDate` without a word).
 */
export const readerFor = (token: string, { ctx, clients }: ReaderContext): MessageReader =>
  isInboundSecret(token, ctx.configuration.inboundSecret)
    ? clients.integrationClientFor(ctx)
    : clients.clientFor(token, ctx)
