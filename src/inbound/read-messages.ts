import type { Client, Message } from '@botpress/client'
import { deliveryOfStored, type Delivery } from '../envelope'
import { HttpError } from '../errors'
import { CHANNEL } from '../../definitions/name'
import { fromBotpressError, isApiErrorOf, step } from './botpress-errors'
import { ForwardWalk, type CallBudget } from './forward-walk'
import type { ReadQuery } from './parse-read-query'
import { decodeCursor, encodeCursor, type DecodedCursor, type Position } from './read-position'

/** The Botpress calls a read makes: reads only, so a read creates nothing, not even for an unknown conversation. */
export type MessageReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages'>

/** The Botpress calls one read makes at most, whatever the history; documented in hub.md. */
export const MAX_CALLS_PER_READ = 20

/**
 * A loop of reads always moves on while no millisecond holds more than this many of Botpress's pages of
 * messages (80 at its 20 a page): a read can then list such a millisecond, and the next, whole.
 */
export const CROWD_PAGES = 4

export type ReadAnswer = { messages: Delivery[]; hasMore: boolean; cursor: string | null }

/** The conversation of the back-end's id (its `id` tag, set at intake), found without creating it. */
const findConversation = async (client: MessageReader, budget: CallBudget, conversationId: string) => {
  budget.left--
  const { conversations } = await step('finding the conversation', () =>
    client.listConversations({ channel: CHANNEL, tags: { id: conversationId } })
  )
  return conversations[0]
}

/** The message a cursor names; undefined when Botpress knows no such message. */
const findMessage = async (client: MessageReader, budget: CallBudget, id: string) => {
  budget.left--
  try {
    return (await client.getMessage({ id })).message
  } catch (thrown) {
    // Botpress answers an id it cannot read as an id with 400, one it does not know with 404.
    if (isApiErrorOf(thrown, 'ResourceNotFound', 'InvalidIdentifier', 'InvalidPayload')) return undefined
    throw fromBotpressError('reading the message named by after', thrown)
  }
}

const unknownConversation = (conversationId: string) =>
  new HttpError(
    404,
    'not_found',
    `No conversation "${conversationId}" exists for this bot yet: it exists once a message was sent in it. Check the conversationId.`
  )

const unknownAfter = (after: string, conversationId: string) =>
  new HttpError(
    400,
    'unknown_after',
    `after "${after}" is not a message or cursor of conversation "${conversationId}". Send the cursor of your last read, a botpressMessageId of this conversation, or omit after to read from the first message.`
  )

/** Where the read starts: after the message or cursor `after` names, or at the conversation's start. */
const startPosition = (conversationCreatedAt: string, cursor: DecodedCursor | undefined, named?: Message): Position => {
  const last = named && { id: named.id, ms: Date.parse(named.createdAt) }
  const fromMs = Math.max(cursor?.fromMs ?? -Infinity, last?.ms ?? Date.parse(conversationCreatedAt))
  const anchor = cursor?.anchorMs !== undefined && cursor.anchorMs >= fromMs ? { anchorMs: cursor.anchorMs } : {}
  const width = cursor?.widthMs ? { widthMs: cursor.widthMs } : {}
  return { ...(last ? { last } : {}), fromMs, ...anchor, ...width }
}

const isBotMessage = (message: Message) => message.direction === 'outgoing'

/** Just after `message`, with the walk's width for the next read. */
const positionAfter = (message: Message, widthMs: number): Position => {
  const ms = Date.parse(message.createdAt)
  return { last: { id: message.id, ms }, fromMs: ms, widthMs }
}

/**
 * Where a read that keeps `limit` bot messages stops within `passed` (oldest first): before the bot message
 * past the limit, and before the millisecond it shares with earlier messages (so the next read starts on a
 * millisecond's boundary), unless that would leave none of the bot's messages.
 */
const cutAtLimit = (passed: Message[], limit: number): number | undefined => {
  let bot = 0
  const over = passed.findIndex((m) => isBotMessage(m) && ++bot > limit)
  if (over === -1) return undefined
  let cut = over
  while (cut > 0 && passed[cut - 1]!.createdAt === passed[over]!.createdAt) cut--
  return passed.slice(0, cut).some(isBotMessage) ? cut : over
}

type Tagged = { id: string; createdAt: string; tags: Record<string, string | undefined> }

const answer = (passed: Message[], conversation: Tagged, hasMore: boolean, position: Position): ReadAnswer => ({
  messages: passed.filter(isBotMessage).map((message) => deliveryOfStored(message, conversation)),
  hasMore,
  cursor: encodeCursor(position),
})

/**
 * `GET {webhook URL}/messages`: the bot's messages in the back-end's conversation after `after` (or from the
 * first), oldest first, each in the envelope a delivery carries; whether more follow; and the cursor to read
 * on from. At most MAX_CALLS_PER_READ Botpress calls: a read that runs out of them answers what it has.
 */
export const readMessages = async (client: MessageReader, query: ReadQuery): Promise<ReadAnswer> => {
  const budget: CallBudget = { left: MAX_CALLS_PER_READ }
  const cursor = query.after === undefined ? undefined : decodeCursor(query.after)
  if (query.after !== undefined && !cursor) throw unknownAfter(query.after, query.conversationId)
  const [conversation, named] = await Promise.all([
    findConversation(client, budget, query.conversationId),
    cursor?.id === undefined ? undefined : findMessage(client, budget, cursor.id),
  ])
  if (!conversation) throw unknownConversation(query.conversationId)
  if (cursor?.id !== undefined && named?.conversationId !== conversation.id) {
    throw unknownAfter(query.after!, query.conversationId)
  }
  const start = startPosition(conversation.createdAt, cursor, named)
  const walk = new ForwardWalk(client, conversation.id, start, budget)
  const passed: Message[] = []
  for (;;) {
    const next = await walk.next()
    passed.push(...(next ?? []))
    const cut = cutAtLimit(passed, query.limit)
    if (cut !== undefined) {
      return answer(passed.slice(0, cut), conversation, true, positionAfter(passed[cut - 1]!, walk.widthMs))
    }
    if (next === undefined || walk.done) return answer(passed, conversation, next === undefined, walk.position)
  }
}
