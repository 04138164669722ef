import type { Client } from '@botpress/client'
import { deliveryOfStored, isBotMessage } from '../../envelope'
import { HttpError } from '../../errors'
import type { Tenant } from '../../message-signal'
import { CHANNEL } from '../../../definitions/name'
import { step } from '../../botpress/botpress-errors'
import type { CallCounter } from '../../botpress/call-count'
import type { KnownConversations } from './known-conversations'
import { openRead, type OpenRead } from './open-read'
import type { ReadQuery } from './parse-read-query'
import { readPage, type ReadScope } from './read-page'
import { cursorFrom, readStart, unknownAfter } from './read-start'

export { CROWD_PAGES, MAX_CALLS_PER_READ, type ReadAnswer } from './read-page'

/** The Botpress calls a read makes: reads only, so a read creates nothing, not even for an unknown conversation. */
export type MessageReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages'>

type ConversationQuery = ReadQuery & { conversationId: string }

/** The conversation of the back-end's id (its `id` tag, set at intake), found without creating it. */
const findConversation = async (client: MessageReader, conversationId: string) => {
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

export type ConversationReadContext = {
  client: MessageReader
  conversations: KnownConversations
  tenant: Tenant
  clock: () => number
}

/**
 * Opens `GET {webhook URL}/messages?conversationId=…`: finds the conversation (known to the instance, or one
 * call) and where to start (one call for a bare message id), at the same time; then reads the bot's messages
 * in it, oldest first, each in the envelope a delivery carries. It lists the conversation's every message,
 * tagged or not, so messages from before 1.2 and any whose tag failed are read too.
 */
export const openConversationRead = async (
  { client, conversations, tenant, clock }: ConversationReadContext,
  query: ConversationQuery,
  counter: CallCounter
): Promise<OpenRead> => {
  const scopeName = `conversation "${query.conversationId}"`
  const [conversation, start] = await Promise.all([
    conversations.find(tenant, query.conversationId, () => findConversation(client, query.conversationId)),
    readStart(client, query.after, scopeName),
  ])
  if (!conversation) throw unknownConversation(query.conversationId)
  if ('message' in start && start.message.conversationId !== conversation.id) {
    throw unknownAfter(query.after!, scopeName)
  }
  const scope: ReadScope = {
    filter: { conversationId: conversation.id },
    looksBack: true,
    judge: async (passed) => passed.map((m) => (isBotMessage(m) ? deliveryOfStored(m, conversation) : undefined)),
  }
  const cursor = cursorFrom(start, 'all', clock, Date.parse(conversation.createdAt))
  return openRead(
    cursor,
    async (at, readAtMs) => ({
      page: await readPage(client, scope, at, query.limit, counter, readAtMs),
      listing: 'all',
    }),
    conversation.id,
    clock
  )
}
