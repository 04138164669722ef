import type { Client } from '@botpress/client'
import { HttpError } from '../../errors'
import type { Tenant } from '../../message-signal'
import { CHANNEL } from '../../../definitions/name'
import { step } from '../botpress/botpress-errors'
import type { ConversationOwners } from './conversation-owners'
import type { CallBudget } from './forward-walk'
import type { ReadQuery } from './parse-read-query'
import { readAfter } from './read-after'
import { MAX_CALLS_PER_READ, readingFrom, type OpenRead, type ReadAnswer, type ReadScope } from './read-page'
import { startPosition } from './read-position'

/** The Botpress calls a feed read makes: reads only, like the read of one conversation. */
export type FeedReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages' | 'getConversation'>

/**
 * Calls of each feed read that the walk leaves to telling conversations apart, so that every read can judge
 * what it passed and move on, whatever the mix of channels. Documented in hub.md.
 */
export const FEED_LOOKUP_RESERVE = 3

const unknownAfter = (after: string) =>
  new HttpError(
    400,
    'unknown_after',
    `after "${after}" is not a message or cursor of this bot. Send the cursor of your last read, or omit after to read from the first message.`
  )

/**
 * When the feed from its start begins: the creation of the first conversation on this integration's channel
 * (one call). Another integration's channel of the same name can only make it earlier, never later.
 */
const firstConversationMs = async (client: FeedReader, budget: CallBudget): Promise<number | undefined> => {
  budget.left--
  const { conversations } = await step('finding the first conversation', () =>
    client.listConversations({ channel: CHANNEL, sortField: 'createdAt', sortDirection: 'asc' })
  )
  return conversations.length ? Math.min(...conversations.map((c) => Date.parse(c.createdAt))) : undefined
}

const NOTHING_YET: ReadAnswer = { messages: [], hasMore: false, cursor: null }

/**
 * Opens `GET {webhook URL}/messages` without `conversationId`: the feed of the bot's messages in every
 * conversation of this integration, oldest first, each in the envelope a delivery carries (so it names the
 * back-end's `conversationId`), never a message of another channel. It lists every message of the bot and
 * judges each bot message by its conversation (`ConversationOwners`), within the same bound of calls.
 */
export const openFeedRead = async (
  client: FeedReader,
  owners: ConversationOwners,
  tenant: Tenant,
  query: ReadQuery,
  budget: CallBudget
): Promise<OpenRead> => {
  budget.reserved = FEED_LOOKUP_RESERVE
  const after = await readAfter(client, budget, query.after)
  if (after === 'unknown') throw unknownAfter(query.after!)
  const scope: ReadScope = { judge: owners.judgeFor(client, tenant) }
  const readFrom = (floorMs: number) =>
    readingFrom(client, scope, startPosition(floorMs, after.cursor, after.named), query.limit, budget)
  let read = query.after === undefined ? undefined : readFrom(-Infinity)
  return {
    next: async () => {
      if (!read) {
        // From the start: until the first conversation exists, there is nothing to read.
        const floorMs = await firstConversationMs(client, budget)
        if (floorMs === undefined) return NOTHING_YET
        read = readFrom(floorMs)
      }
      return read.next()
    },
  }
}

/** One read of the feed, as `GET {webhook URL}/messages` without `Prefer: wait` answers it. */
export const readFeed = async (
  client: FeedReader,
  owners: ConversationOwners,
  tenant: Tenant,
  query: ReadQuery
): Promise<ReadAnswer> => {
  const budget: CallBudget = { left: MAX_CALLS_PER_READ }
  return (await openFeedRead(client, owners, tenant, query, budget)).next()
}
