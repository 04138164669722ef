import type { Client } from '@botpress/client'
import { BoundedCache } from '../../bounded-cache'
import { isOwnConversation } from '../../conversation-owner'
import { deliveryOfStored, isBotMessage, type Delivery } from '../../envelope'
import type { Tenant } from '../../message-signal'
import { fromBotpressError, isApiErrorOf } from '../botpress/botpress-errors'
import type { CallBudget } from './forward-walk'
import type { Judge } from './read-page'

/** One of this integration's conversations, as its messages' envelope needs it; `false` for any other. */
type Owner = { id: string; tags: { id: string } } | false

export type ConversationLookup = Pick<Client, 'getConversation'>

/**
 * Which conversations are this integration's, for the feed: Botpress lists every conversation of the bot
 * (webchat, other integrations) when `listMessages` has no `conversationId`, and says whose a conversation is
 * only on the conversation itself. What a conversation is never changes, so each answer is kept for the
 * process, bounded and keyed by bot: a lost entry costs one `getConversation` again.
 */
export class ConversationOwners {
  private readonly known = new BoundedCache<string, Owner>({ max: 20_000 })

  /**
   * Judges a feed read's messages: the envelope of each bot message in one of our conversations (one that
   * carries the back-end's `id` tag, without which nothing can be routed), nothing for the rest. Conversations
   * not known yet are looked up at the same time, as many as the budget allows, in the order they come.
   */
  public judgeFor(client: ConversationLookup, tenant: Tenant): Judge {
    return async (passed, budget) => {
      const owners = new Map<string, Owner>()
      const unknown = new Set<string>()
      for (const { conversationId } of passed.filter(isBotMessage)) {
        const cached = this.known.get(this.key(tenant, conversationId))
        if (cached !== undefined) owners.set(conversationId, cached)
        else unknown.add(conversationId)
      }
      const lookups = [...unknown].slice(0, Math.max(0, budget.left))
      await Promise.all(lookups.map(async (id) => owners.set(id, await this.lookUp(client, tenant, budget, id))))
      const verdicts: (Delivery | undefined)[] = []
      for (const message of passed) {
        const owner = isBotMessage(message) ? owners.get(message.conversationId) : false
        if (owner === undefined) break // not looked up: the next read starts here
        verdicts.push(owner ? deliveryOfStored(message, owner) : undefined)
      }
      return verdicts
    }
  }

  private async lookUp(client: ConversationLookup, tenant: Tenant, budget: CallBudget, id: string): Promise<Owner> {
    budget.left--
    try {
      const { conversation } = await client.getConversation({ id })
      const callerId = conversation.tags.id
      const owner: Owner = isOwnConversation(conversation) && callerId ? { id, tags: { id: callerId } } : false
      this.known.set(this.key(tenant, id), owner)
      return owner
    } catch (thrown) {
      // Deleted since its message was listed: passed over, and not remembered, in case Botpress only lagged.
      if (isApiErrorOf(thrown, 'ResourceNotFound')) return false
      throw fromBotpressError('finding whose a conversation is', thrown)
    }
  }

  private key(tenant: Tenant, conversationId: string) {
    return JSON.stringify([tenant.botId, tenant.integrationId, conversationId])
  }
}
