import type { Client } from '@botpress/client'
import { deliveryOfStored, isBotMessage } from '../../envelope'
import { HttpError } from '../../errors'
import { CHANNEL } from '../../../definitions/name'
import { step } from '../botpress/botpress-errors'
import type { CallBudget } from './forward-walk'
import type { ReadQuery } from './parse-read-query'
import { readAfter } from './read-after'
import { MAX_CALLS_PER_READ, readingFrom, type OpenRead, type ReadAnswer, type ReadScope } from './read-page'
import { startPosition } from './read-position'

export { CROWD_PAGES, MAX_CALLS_PER_READ, type ReadAnswer } from './read-page'

/** The Botpress calls a read makes: reads only, so a read creates nothing, not even for an unknown conversation. */
export type MessageReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages'>

type ConversationQuery = ReadQuery & { conversationId: string }

/** The conversation of the back-end's id (its `id` tag, set at intake), found without creating it. */
const findConversation = async (client: MessageReader, budget: CallBudget, conversationId: string) => {
  budget.left--
  const { conversations } = await step('finding the conversation', () =>
    client.listConversations({ channel: CHANNEL, tags: { id: conversationId } })
  )
  return conversations[0]
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

/**
 * Opens `GET {webhook URL}/messages?conversationId=…`: finds the conversation and where to start (one call
 * each, at the same time), then reads the bot's messages in it, oldest first, each in the envelope a delivery
 * carries.
 */
export const openConversationRead = async (
  client: MessageReader,
  query: ConversationQuery,
  budget: CallBudget
): Promise<OpenRead> => {
  const [conversation, after] = await Promise.all([
    findConversation(client, budget, query.conversationId),
    readAfter(client, budget, query.after),
  ])
  if (!conversation) throw unknownConversation(query.conversationId)
  if (after === 'unknown' || (after.named && after.named.conversationId !== conversation.id)) {
    throw unknownAfter(query.after!, query.conversationId)
  }
  const scope: ReadScope = {
    conversationId: conversation.id,
    judge: async (passed) => passed.map((m) => (isBotMessage(m) ? deliveryOfStored(m, conversation) : undefined)),
  }
  const start = startPosition(Date.parse(conversation.createdAt), after.cursor, after.named)
  return readingFrom(client, scope, start, query.limit, budget)
}

/**
 * `GET {webhook URL}/messages?conversationId=…`: the bot's messages in the back-end's conversation after
 * `after` (or from the first); whether more follow; and the cursor to read on from. At most
 * MAX_CALLS_PER_READ Botpress calls: a read that runs out of them answers what it has.
 */
export const readMessages = async (client: MessageReader, query: ConversationQuery): Promise<ReadAnswer> => {
  const budget: CallBudget = { left: MAX_CALLS_PER_READ }
  return (await openConversationRead(client, query, budget)).next()
}
