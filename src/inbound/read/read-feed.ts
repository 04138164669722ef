import type { Client } from '@botpress/client'
import { deliveryOfTagged, FEED_TAG } from '../../feed-tag'
import type { Tenant } from '../../message-signal'
import { CHANNEL } from '../../../definitions/name'
import { step } from '../botpress/botpress-errors'
import type { ConversationOwners } from './conversation-owners'
import type { CallBudget } from './forward-walk'
import { TRAILING_WINDOW_MS } from './hand-on'
import { openRead, type OpenRead, type ReadStep } from './open-read'
import type { ReadQuery } from './parse-read-query'
import { readPage, type ReadScope } from './read-page'
import { positionAfterMessage, type Cursor, type Listing } from './read-position'
import { readStart } from './read-start'

/** The Botpress calls a feed read makes: reads only, like the read of one conversation. */
export type FeedReader = Pick<Client, 'listConversations' | 'getMessage' | 'listMessages' | 'getConversation'>

/**
 * Calls of each read through history from before 1.2 that the walk leaves to telling conversations apart,
 * so that every such read can judge what it passed and move on, whatever the mix of channels. Documented in hub.md.
 */
export const FEED_LOOKUP_RESERVE = 3

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

export type FeedReadContext = { client: FeedReader; owners: ConversationOwners; tenant: Tenant; clock: () => number }

/** Where the feed starts: a cursor issued before 1.2 or a message id goes on through every message, as then. */
const startCursor = async (
  { client, clock }: FeedReadContext,
  after: string | undefined,
  budget: CallBudget
): Promise<Cursor> => {
  const start = await readStart(client, budget, after, 'this bot')
  if ('cursor' in start) return start.cursor
  if ('message' in start) return { ...positionAfterMessage(start.message), listing: 'all' }
  if (start.from === 'now') return { listing: 'tagged', fromMs: clock() }
  const floorMs = await firstConversationMs(client, budget)
  // No conversation on the channel yet, so no message of ours: every one to come carries the tag.
  return floorMs === undefined
    ? { listing: 'tagged', fromMs: clock() - TRAILING_WINDOW_MS }
    : { listing: 'all', fromMs: floorMs }
}

/**
 * Opens `GET {webhook URL}/messages` without `conversationId`: the feed of the bot's messages in every
 * conversation of this integration, oldest first, each in the envelope a delivery carries. It lists only the
 * messages the channel handler tagged (`feed-tag.ts`), so its cost follows this integration's messages,
 * whatever else the bot does. History from before 1.2 has no tag: a read that starts there walks every
 * message of the bot and judges each by its conversation (`ConversationOwners`), as the feed did then, until
 * it reaches the newest; from there on it lists by tag.
 */
export const openFeedRead = async (
  context: FeedReadContext,
  query: ReadQuery,
  budget: CallBudget
): Promise<OpenRead> => {
  const { client, owners, tenant, clock } = context
  const scopes: Record<Listing, ReadScope> = {
    tagged: { filter: { tags: { ...FEED_TAG } }, judge: async (passed) => passed.map(deliveryOfTagged) },
    all: { filter: {}, judge: owners.judgeFor(client, tenant) },
  }
  const readOnce: ReadStep = async (cursor, readAtMs) => {
    const walksAll = cursor.listing === 'all'
    budget.reserved = walksAll ? FEED_LOOKUP_RESERVE : 0
    const page = await readPage(client, scopes[cursor.listing], cursor, query.limit, budget, readAtMs)
    // Through to the newest message: what comes next was tagged when the channel handler saw it.
    return { page, listing: walksAll && page.atEnd && !page.hasMore ? 'tagged' : cursor.listing }
  }
  return openRead(await startCursor(context, query.after, budget), readOnce, undefined, clock)
}
