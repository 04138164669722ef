import { Client } from '@botpress/client'
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { RESET_RETRY } from './reset-retry'

/** Timeout of one Botpress API call made by the webhook or an action. */
const API_TIMEOUT_MS = 20_000

type Scope = { botId: string; integrationId: string }

/**
 * Botpress clients (@botpress/client 1.45, today's API) reused across requests. Each client owns keep-alive
 * connections: one per request would open a connection per call and hold its sockets and memory until
 * they time out. Bounded; keyed by a digest, so the map holds no token in its keys.
 */
export class ClientPool {
  private readonly clients = new LRUCache<string, Client>({ max: 200, ttl: 5 * 60_000 })

  /** A client acting with a caller's personal access token: Botpress checks it on every call. */
  public clientFor(token: string, scope: Scope): Client {
    return this.pooled(
      ['caller', token, scope.botId, scope.integrationId],
      () => new Client({ token, ...scope, timeout: API_TIMEOUT_MS, retry: RESET_RETRY })
    )
  }

  /**
   * A client acting as the integration itself, as the SDK's own does: the client reads the integration's
   * runtime token (`BP_TOKEN`) from the environment Botpress gives it.
   */
  public ownClientFor(scope: Scope): Client {
    const token = process.env.BP_TOKEN ?? ''
    return this.pooled(
      ['own', token, scope.botId, scope.integrationId],
      () => new Client({ ...scope, timeout: API_TIMEOUT_MS, retry: RESET_RETRY })
    )
  }

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
