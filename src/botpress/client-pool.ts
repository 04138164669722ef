import { Client } from '@botpress/client'
import type { AxiosInstance } from 'axios'
import { createHash } from 'node:crypto'
import { BoundedCache } from '../bounded-cache'
import type { Tenant } from '../message-signal'
import { boundByDeadline } from './call-deadline'
import { keepRateLimitWait } from './rate-limit'
import { FEED_TAG_RETRY, RESET_RETRY } from './reset-retry'

/** Timeout of one Botpress API call made by the webhook or an action; the operation's budget may cut it shorter. */
const API_TIMEOUT_MS = 20_000

/**
 * A client whose calls end within the budget of the operation they serve and keep the wait of a 429. The
 * client keeps its axios instance to itself (@botpress/client 1.45, pinned; test/call-deadline.e2e.test.ts
 * fails if that changes).
 */
const hooked = (client: Client): Client => {
  const http = (client as unknown as { axiosInstance: AxiosInstance }).axiosInstance
  boundByDeadline(http)
  keepRateLimitWait(http)
  return client
}

/**
 * Botpress clients (@botpress/client 1.45, today's API) reused across requests. Each client owns keep-alive
 * connections: one per request would open a connection per call and hold its sockets and memory until
 * they time out. Bounded; keyed by a digest, so the map holds no token in its keys.
 */
export class ClientPool {
  private readonly clients = new BoundedCache<string, Client>({ max: 200, ttlMs: 5 * 60_000 })

  /** A client acting with a caller's personal access token: Botpress checks it on every call. */
  public clientFor(token: string, scope: Tenant): Client {
    return this.pooled(['caller', token, scope.botId, scope.integrationId], () =>
      hooked(new Client({ token, ...scope, timeout: API_TIMEOUT_MS, retry: RESET_RETRY }))
    )
  }

  /**
   * A client acting as the integration itself, as the SDK's own does: the client reads the integration's
   * runtime token (`BP_TOKEN`) from the environment Botpress gives it.
   */
  public ownClientFor(scope: Tenant): Client {
    const token = process.env.BP_TOKEN ?? ''
    return this.pooled(['own', token, scope.botId, scope.integrationId], () =>
      hooked(new Client({ ...scope, timeout: API_TIMEOUT_MS, retry: RESET_RETRY }))
    )
  }

  /**
   * The integration's own client for the tag the channel handler sets on each bot message: an update, so
   * retried on a network error, a 5xx or a 429 (FEED_TAG_RETRY), within the handler's tagging budget.
   */
  public taggingClientFor(scope: Tenant): Client {
    const token = process.env.BP_TOKEN ?? ''
    return this.pooled(['tagging', token, scope.botId, scope.integrationId], () =>
      hooked(new Client({ ...scope, timeout: API_TIMEOUT_MS, retry: FEED_TAG_RETRY }))
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
