import type { Client, Message } from '@botpress/client'
import { deliveryOfStored, isBotMessage, type MessageEnvelope } from '../../envelope'
import { countCalls, type CallCounter } from '../../botpress/call-count'
import { ForwardWalk, positionAfterMessage } from '../../botpress/forward-walk'
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

/** Calls a turn's listing makes at most, a page each: a turn of more than about 95 messages is out of a wait's reach. */
const MAX_TURN_PAGES = 5

/**
 * The conversation's messages after the incoming one (up to `untilMs`, when given), oldest first, each once,
 * found by its time wherever it is in the history: the read's walk (`ForwardWalk`) from just after it, which
 * lists the newest pages back to it, each up to the oldest millisecond of the last (so a message deleted
 * meanwhile shifts nothing). `counter` counts `client`'s calls (the wait's): the listing takes at most what
 * is left. `reached` says whether the walk got to the newest message (or to `untilMs`); when it did not,
 * nothing is answered: what it holds cannot be told from what follows.
 */
export const readAfterIncoming = async (
  client: Pick<Client, 'listMessages'>,
  counter: CallCounter,
  { incoming, conversation }: Turn,
  untilMs?: number
): Promise<{ after: Message[]; reached: boolean }> => {
  const turn = countCalls(client, Math.min(MAX_TURN_PAGES, counter.left))
  const filter = { conversationId: conversation.id, ...(untilMs === undefined ? {} : { untilMs }) }
  const walk = new ForwardWalk(turn.client, filter, positionAfterMessage(incoming), turn.counter, {
    newestPages: MAX_TURN_PAGES,
    doing: 'reading the replies',
  })
  const after: Message[] = []
  while (!walk.done) {
    const passed = await walk.next()
    if (passed === undefined) return { after: [], reached: false }
    after.push(...passed)
  }
  return { after, reached: true }
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
