import type { Client, Message } from '@botpress/client'
import { deliveryOfStored, type Delivery } from '../envelope'
import { step } from './botpress-errors'

/** One user message and the conversation it is in: the start of a turn. */
export type Turn = { incoming: Message; conversation: { id: string; tags: Record<string, string | undefined> } }

/** Pages read at most (Botpress lists 20 messages a page): a turn keeps its latest 100 messages. */
const MAX_PAGES = 5

/**
 * The bot's replies to one incoming message: its outgoing messages after that message and before the
 * next incoming one (which closes the turn), oldest first. Botpress lists a conversation newest first,
 * so reading stops at the incoming message.
 */
export const readTurnReplies = async (client: Pick<Client, 'listMessages'>, { incoming, conversation }: Turn) => {
  const newerThanIncoming: Message[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await step('reading the replies', () =>
      client.listMessages({ conversationId: conversation.id, nextToken })
    )
    const index = listed.messages.findIndex((m) => m.id === incoming.id)
    newerThanIncoming.push(...(index === -1 ? listed.messages : listed.messages.slice(0, index)))
    nextToken = listed.meta.nextToken
    if (index !== -1 || !nextToken) break
  }
  const oldestFirst = newerThanIncoming.reverse()
  const nextIncoming = oldestFirst.findIndex((m) => m.direction === 'incoming')
  const turn = nextIncoming === -1 ? oldestFirst : oldestFirst.slice(0, nextIncoming)
  return { replies: turn.filter((m) => m.direction === 'outgoing'), closed: nextIncoming !== -1 }
}

/** Replies in exactly the envelope the response endpoint receives. */
export const asDeliveries = (replies: Message[], { conversation }: Turn): Delivery[] =>
  replies.map((message) => deliveryOfStored(message, conversation))
