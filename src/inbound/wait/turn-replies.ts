import type { Client, Message } from '@botpress/client'
import { deliveryOfStored, isBotMessage, type MessageEnvelope } from '../../envelope'
import { HttpError } from '../../errors'
import { step } from '../../botpress/botpress-errors'
import { CallsSpent } from '../../botpress/call-count'
import type { StatusReader } from './bot-status'
import type { Look } from './look'

/**
 * One user message, the conversation it is in, whether it was written by an earlier request (`resent`), and
 * what Botpress had handed the bot there just before it was written (undefined when that is not known).
 */
export type Turn = {
  incoming: Message
  conversation: { id: string; tags: Record<string, string | undefined> }
  resent: boolean
  look: Look | undefined
}

/** What a wait reads: the bot's status and the conversation's messages. */
export type ReplyReader = Pick<Client, 'listMessages'> & StatusReader

/** Pages read at most (Botpress lists 20 messages a page): a turn of more messages is out of a wait's reach. */
const MAX_PAGES = 5

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The conversation's messages after the incoming one (up to `untilMs`, when given), oldest first, found by
 * its time wherever it is in the history; `reached` says whether the listing went back to it.
 */
export const readAfterIncoming = async (
  client: Pick<Client, 'listMessages'>,
  { incoming, conversation }: Turn,
  untilMs?: number
): Promise<{ after: Message[]; reached: boolean }> => {
  const range = { afterDate: incoming.createdAt, ...(untilMs === undefined ? {} : { beforeDate: iso(untilMs) }) }
  const newerThanIncoming: Message[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    let listed: Awaited<ReturnType<typeof client.listMessages>>
    try {
      listed = await step('reading the replies', () =>
        client.listMessages({ conversationId: conversation.id, ...range, nextToken })
      )
    } catch (thrown) {
      // The wait's calls are spent (a turn of several pages): the turn is out of its reach, as below.
      if (thrown instanceof HttpError && thrown.cause instanceof CallsSpent) return { after: [], reached: false }
      throw thrown
    }
    const index = listed.messages.findIndex((m) => m.id === incoming.id)
    newerThanIncoming.push(...(index === -1 ? listed.messages : listed.messages.slice(0, index)))
    nextToken = listed.meta.nextToken
    if (index !== -1 || !nextToken) {
      const ids = new Set<string>()
      const after = newerThanIncoming.reverse().filter((m) => !ids.has(m.id) && ids.add(m.id))
      return { after, reached: true }
    }
  }
  return { after: [], reached: false }
}

/**
 * The replies that are surely the bot's answer to the incoming message: its messages after it, until another
 * user message or the time from which something else of the conversation ran (`rivalsSince`). `cut` says
 * whether a message after them was left out for that; `next`, the user message they end at, if any.
 */
export const attributeReplies = (after: Message[], rivalsSince?: number) => {
  const end = after.findIndex(
    (m) => m.direction === 'incoming' || (rivalsSince !== undefined && Date.parse(m.createdAt) >= rivalsSince)
  )
  const turn = end === -1 ? after : after.slice(0, end)
  const next = after[end]?.direction === 'incoming' ? after[end] : undefined
  return { replies: turn.filter(isBotMessage), cut: end !== -1, next }
}

/** Replies in exactly the envelope the response endpoint receives. */
export const asDeliveries = (replies: Message[], { conversation }: Turn): MessageEnvelope[] =>
  replies.map((message) => deliveryOfStored(message, conversation))
