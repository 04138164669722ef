import { Client } from '@botpress/client'
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'

/** Timeout of one Botpress API call made on the caller's behalf. */
const API_TIMEOUT_MS = 20_000

type Scope = { botId: string; integrationId: string }

/**
 * Botpress clients built from callers' tokens, reused across requests. Each client owns keep-alive
 * connections: one per request would open a connection per call and hold its sockets and memory until
 * they time out. Bounded; keyed by a digest of the token, so the map holds no token in its keys.
 */
export class ClientPool {
  private readonly clients = new LRUCache<string, Client>({ max: 200, ttl: 5 * 60_000 })

  public clientFor(token: string, { botId, integrationId }: Scope): Client {
    return this.pooled(
      ['caller', token, botId, integrationId],
      () => new Client({ token, botId, integrationId, timeout: API_TIMEOUT_MS })
    )
  }

  /**
   * A client acting with the integration's own token (`BP_TOKEN`, as the SDK's client does), for calls the
   * SDK's older client cannot make, such as `listMessages` with `afterDate`.
   */
  public integrationClientFor({ botId, integrationId }: Scope): Client {
    return this.pooled(
      ['integration', botId, integrationId],
      () => new Client({ botId, integrationId, timeout: API_TIMEOUT_MS })
    )
  }

  /** `parts` start with whose client it is, so a caller's token never finds the integration's own client. */
  private pooled(parts: string[], create: () => Client): Client {
    const key = createHash('sha256')
      .update(JSON.stringify([process.env.BP_API_URL ?? '', ...parts]))
      .digest('base64')
    let client = this.clients.get(key)
    if (!client) {
      client = create()
      this.clients.set(key, client)
    }
    return client
  }
}
