import { FEED_TAG } from '../../feed-tag'
import { signalBotMessage, tenantKey, type Tenant } from '../../message-signal'
import { withinBudget } from '../../botpress/call-deadline'
import type { MessageLister } from '../../botpress/forward-walk'

/**
 * How often the shared poll looks for new bot messages of this integration while reads wait on an
 * instance: what reaches another instance is found here within this time. Documented in hub.md.
 */
export const FEED_POLL_MS = 4_000

type TenantWatch = {
  /** Each waiting read, with the time from which it would return a message. */
  waiters: Map<symbol, () => number>
  timer?: NodeJS.Timeout
  /** Ids the last poll listed: each is signalled once. */
  signalled: Set<string>
}

/**
 * One poll per bot for every read waiting on this instance, however many: every `FEED_POLL_MS` it lists the
 * bot messages of this integration (one `listMessages` by the feed tag, newest first, from the oldest
 * waiter's position) and signals each new one, as the channel handler does on its own instance; each waiting
 * read then decides whether the message is one it would return. It lists with the integration's own client:
 * the waiting reads' own tokens were checked by their first read, and what it lists is only what any token
 * of the bot may read. A failed poll is tried again at the next.
 */
export class FeedWatch {
  private readonly watches = new Map<string, TenantWatch>()

  public constructor(
    private readonly listerFor: (tenant: Tenant) => MessageLister,
    private readonly pollMs = FEED_POLL_MS
  ) {}

  /** Keeps the tenant's poll going for a waiting read until the returned function is called. */
  public join(tenant: Tenant, fromMs: () => number): () => void {
    const key = tenantKey(tenant)
    const watch: TenantWatch = this.watches.get(key) ?? { waiters: new Map(), signalled: new Set() }
    this.watches.set(key, watch)
    const id = Symbol('waiter')
    watch.waiters.set(id, fromMs)
    this.schedule(tenant, watch)
    return () => {
      watch.waiters.delete(id)
      if (watch.waiters.size) return
      clearTimeout(watch.timer)
      if (this.watches.get(key) === watch) this.watches.delete(key)
    }
  }

  /** How many bots are watched: a test checks that none is left behind. */
  public get watched(): number {
    return this.watches.size
  }

  private schedule(tenant: Tenant, watch: TenantWatch) {
    if (watch.timer || !watch.waiters.size) return
    watch.timer = setTimeout(() => {
      void this.poll(tenant, watch).finally(() => {
        watch.timer = undefined
        this.schedule(tenant, watch)
      })
    }, this.pollMs)
  }

  private async poll(tenant: Tenant, watch: TenantWatch) {
    const since = Math.min(...[...watch.waiters.values()].map((fromMs) => fromMs()))
    if (!Number.isFinite(since)) return
    try {
      const { messages } = await withinBudget(this.pollMs, () =>
        this.listerFor(tenant).listMessages({ tags: { ...FEED_TAG }, afterDate: new Date(since).toISOString() })
      )
      const listed = new Set(messages.map((m) => m.id))
      for (const message of messages.filter((m) => !watch.signalled.has(m.id)).reverse()) {
        signalBotMessage(tenant, {
          conversationId: message.conversationId,
          messageId: message.id,
          createdAtMs: Date.parse(message.createdAt),
        })
      }
      watch.signalled = listed
    } catch {
      // Botpress refused or failed: the waits end on their own deadline, and the next poll tries again.
    }
  }
}
