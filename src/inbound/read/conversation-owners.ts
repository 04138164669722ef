import type { Client } from '@botpress/client'
import { isOwnConversation } from '../../conversation-owner'
import { deliveryOfStored, isBotMessage, type MessageEnvelope } from '../../envelope'
import { tenantKey, type Tenant } from '../../message-signal'
import { fromBotpressError, isApiErrorOf } from '../../botpress/botpress-errors'
import type { Judge } from './read-page'
import { SharedLookups } from './shared-lookups'

/** One of this integration's conversations, as its messages' envelope needs it; `false` for any other. */
type Owner = { id: string; tags: { id: string } } | false

/**
 * Looked up; gone (deleted since its message was listed: not remembered, in case Botpress only lagged); or
 * undefined, not looked up for want of calls.
 */
type Lookup = Owner | 'gone' | undefined

export type ConversationLookup = Pick<Client, 'getConversation'>

/**
 * Which conversations are this integration's, for the feed's walk through history written before 1.2
 * (messages written since carry the feed tag and their back-end conversation id). Botpress lists every
 * conversation of the bot when `listMessages` has no `conversationId`, and says whose a conversation is only
 * on the conversation itself. What a conversation is never changes, so each answer is kept for the process,
 * bounded and keyed by bot; concurrent reads share one lookup.
 */
export class ConversationOwners {
  private readonly known = new SharedLookups<Lookup>(
    { max: 20_000 },
    (lookup) => lookup !== 'gone' && lookup !== undefined
  )

  /**
   * Judges a feed read's messages: the envelope of each bot message in one of our conversations (one that
   * carries the back-end's `id` tag, without which nothing can be routed), nothing for the rest. Conversations
   * not known yet are looked up at the same time, as many as the read has calls left for, in the order they come.
   */
  public judgeFor(client: ConversationLookup, tenant: Tenant): Judge {
    return async (passed, counter) => {
      const conversations = [...new Set(passed.filter(isBotMessage).map((m) => m.conversationId))]
      const owners = new Map<string, Owner>()
      await Promise.all(
        conversations.map(async (id) => {
          const lookup = await this.known.get(tenantKey(tenant, id), async () =>
            counter.left > 0 ? this.lookUp(client, id) : undefined
          )
          if (lookup !== undefined) owners.set(id, lookup === 'gone' ? false : lookup)
        })
      )
      const verdicts: (MessageEnvelope | undefined)[] = []
      for (const message of passed) {
        const owner = isBotMessage(message) ? owners.get(message.conversationId) : false
        if (owner === undefined) break // not looked up: the next read starts here
        verdicts.push(owner ? deliveryOfStored(message, owner) : undefined)
      }
      return verdicts
    }
  }

  private async lookUp(client: ConversationLookup, id: string): Promise<Owner | 'gone'> {
    try {
      const { conversation } = await client.getConversation({ id })
      const callerId = conversation.tags.id
      return isOwnConversation(conversation) && callerId ? { id, tags: { id: callerId } } : false
    } catch (thrown) {
      if (isApiErrorOf(thrown, 'ResourceNotFound')) return 'gone'
      throw fromBotpressError('finding whose a conversation is', thrown)
    }
  }
}
