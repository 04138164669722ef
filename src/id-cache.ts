import type { Conversation, User } from '@botpress/client'
import { LRUCache } from 'lru-cache'

/** Which bot and installation an entry belongs to: one deployment serves many bots, which never share entries. */
export type Tenant = { botId: string; integrationId: string }

type Entry = { kind: 'user'; user: User } | { kind: 'conversation'; conversation: Conversation }

export type IdCacheOptions = { maxEntries: number; ttlMs: number }

/** Bounds that keep memory flat however many conversations a deployment sees (documented in README). */
export const ID_CACHE_DEFAULTS: IdCacheOptions = { maxEntries: 20_000, ttlMs: 10 * 60_000 }

/**
 * The Botpress users and conversations a back-end's ids map to, so a known user in a known conversation
 * costs one API call. Bounded in size (least recently used out first) and in age; an entry lost or stale
 * only costs the lookup again.
 */
export class IdCache {
  private readonly entries: LRUCache<string, Entry>

  public constructor(options: IdCacheOptions = ID_CACHE_DEFAULTS) {
    this.entries = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs })
  }

  public get size(): number {
    return this.entries.size
  }

  public user(tenant: Tenant, userId: string): User | undefined {
    const entry = this.entries.get(key(tenant, 'user', userId))
    return entry?.kind === 'user' ? entry.user : undefined
  }

  public setUser(tenant: Tenant, userId: string, user: User): void {
    this.entries.set(key(tenant, 'user', userId), { kind: 'user', user })
  }

  public conversation(tenant: Tenant, conversationId: string): Conversation | undefined {
    const entry = this.entries.get(key(tenant, 'conversation', conversationId))
    return entry?.kind === 'conversation' ? entry.conversation : undefined
  }

  public setConversation(tenant: Tenant, conversationId: string, conversation: Conversation): void {
    this.entries.set(key(tenant, 'conversation', conversationId), { kind: 'conversation', conversation })
  }

  public forget(tenant: Tenant, ids: { userId: string; conversationId: string }): void {
    this.entries.delete(key(tenant, 'user', ids.userId))
    this.entries.delete(key(tenant, 'conversation', ids.conversationId))
  }
}

/** JSON keeps the parts apart whatever characters the ids contain. */
const key = (tenant: Tenant, kind: Entry['kind'], externalId: string) =>
  JSON.stringify([tenant.botId, tenant.integrationId, kind, externalId])
