import type { Client, Conversation } from '@botpress/client'
import { tenantKey, type Tenant } from '../../message-signal'
import { SharedLookups } from './shared-lookups'

type Found = Pick<Conversation, 'id' | 'createdAt' | 'tags'>

/**
 * The Botpress conversation of each back-end conversation id that reads on this instance asked for, so that a
 * read of a known conversation makes one call (its listing, which checks the caller's token). Concurrent
 * reads share one lookup. Kept 10 minutes: a conversation deleted and written to again gets a new Botpress id.
 */
export class KnownConversations {
  private readonly found = new SharedLookups<Found | undefined>(
    { max: 20_000, ttlMs: 10 * 60_000 },
    (found) => found !== undefined
  )

  public find(tenant: Tenant, conversationId: string, lookUp: () => Promise<Found | undefined>) {
    return this.found.get(tenantKey(tenant, conversationId), lookUp)
  }
}

export type ConversationFinder = Pick<Client, 'listConversations'>
