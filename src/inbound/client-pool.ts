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
    const apiUrl = process.env.BP_API_URL ?? ''
    const key = createHash('sha256')
      .update(JSON.stringify([apiUrl, token, botId, integrationId]))
      .digest('base64')
    let client = this.clients.get(key)
    if (!client) {
      client = new Client({ token, botId, integrationId, timeout: API_TIMEOUT_MS })
      this.clients.set(key, client)
    }
    return client
  }
}
