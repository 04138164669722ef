import type { Client, Message } from '@botpress/client'
import { deliveryOfStored, type Delivery } from '../envelope'
import { HttpError } from '../errors'
import { CHANNEL } from '../../definitions/name'
import { fromBotpressError, isApiErrorOf, step } from './botpress-errors'
import { forwardWindows } from './forward-windows'
import type { ReadQuery } from './parse-read-query'

/** The Botpress calls a read makes: reads only, so a read creates nothing, not even for an unknown conversation. */
export type MessageReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages'>

/**
 * Once a read has found a bot message, it answers after at most this many list calls, with `hasMore` when
 * the conversation goes on. Documented in hub.md.
 */
export const MAX_LIST_CALLS = 40

/** The conversation of the back-end's id (its `id` tag, set at intake), found without creating it. */
const findConversation = async (client: MessageReader, conversationId: string) => {
  const { conversations } = await step('finding the conversation', () =>
    client.listConversations({ channel: CHANNEL, tags: { id: conversationId } })
  )
  return conversations[0]
}

/** The message `after` names; undefined when Botpress knows no such message. */
const findMessage = async (client: MessageReader, id: string) => {
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
    `after "${after}" is not a message of conversation "${conversationId}". Send a botpressMessageId of this conversation, or omit after to read from the first message.`
  )

/**
 * Keeps what follows the cursor. The first window starts in the cursor's millisecond, which may hold messages
 * before it; were the cursor deleted meanwhile, what was created after its millisecond still follows it.
 */
const afterCursor = (cursor: Message | undefined) => {
  let passed = !cursor
  return (message: Message) => {
    if (passed || !cursor) return true
    passed = message.id === cursor.id || Date.parse(message.createdAt) > Date.parse(cursor.createdAt)
    return passed && message.id !== cursor.id
  }
}

const isBotMessage = (message: Message) => message.direction === 'outgoing'

/**
 * `GET {webhook URL}/messages`: the bot's messages in the back-end's conversation after `after` (or from the
 * first), oldest first, each in the envelope a delivery carries, and whether more follow.
 */
export const readMessages = async (
  client: MessageReader,
  { conversationId, after, limit }: ReadQuery
): Promise<{ messages: Delivery[]; hasMore: boolean }> => {
  const [conversation, cursor] = await Promise.all([
    findConversation(client, conversationId),
    after === undefined ? undefined : findMessage(client, after),
  ])
  if (!conversation) throw unknownConversation(conversationId)
  if (after !== undefined && cursor?.conversationId !== conversation.id) throw unknownAfter(after, conversationId)

  const follows = afterCursor(cursor)
  const found: Message[] = []
  let hasMore = false
  let calls = 0
  for await (const window of forwardWindows(client, conversation.id, Date.parse((cursor ?? conversation).createdAt))) {
    calls += window.calls
    found.push(...window.messages.filter(follows).filter(isBotMessage))
    hasMore = found.length > limit || (!window.last && found.length > 0 && calls >= MAX_LIST_CALLS)
    if (hasMore) break
  }
  const messages = found.slice(0, limit).map((message) => deliveryOfStored(message, conversation))
  return { messages, hasMore }
}
