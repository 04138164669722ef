import { ConversationOwners } from '../../src/inbound/read/conversation-owners'
import { FeedWatch } from '../../src/inbound/read/feed-watch'
import { KnownConversations } from '../../src/inbound/read/known-conversations'
import type { ReadQuery } from '../../src/inbound/read/parse-read-query'
import { openFeedRead, type FeedReader } from '../../src/inbound/read/read-feed'
import { openConversationRead } from '../../src/inbound/read/read-messages'
import { countedRead, type ReadAnswer } from '../../src/inbound/read/read-page'
import type { FakeHistory } from './fake-history'

// One read, as `GET {webhook URL}/messages` answers it without Prefer: wait, through the production entry
// points (openFeedRead, openConversationRead), against a fake Botpress.

export const TENANT = { botId: 'bot_reads', integrationId: 'int_reads' }

/** What one instance keeps between reads: a fresh one for each read unless the same is passed. */
export const instance = () => ({
  owners: new ConversationOwners(),
  conversations: new KnownConversations(),
  watch: new FeedWatch(() => {
    throw new Error('no shared poll in these tests')
  }),
})

type Options = { shared?: ReturnType<typeof instance>; tenant?: typeof TENANT; clock?: () => number }

/** A read's context, its client counted as a request's is. */
const contextOf = (reader: FeedReader, options: Options) => {
  const { client, counter } = countedRead(reader)
  const context = {
    ...(options.shared ?? instance()),
    client,
    tenant: options.tenant ?? TENANT,
    clock: options.clock ?? Date.now,
  }
  return { context, counter }
}

export const readConversation = async (
  reader: FeedReader,
  query: ReadQuery & { conversationId: string },
  options: Options = {}
): Promise<ReadAnswer> => {
  const { context, counter } = contextOf(reader, options)
  return (await openConversationRead(context, query, counter)).next()
}

export const readFeed = async (reader: FeedReader, query: ReadQuery, options: Options = {}): Promise<ReadAnswer> => {
  const { context, counter } = contextOf(reader, options)
  return (await openFeedRead(context, query, counter)).next()
}

/** The clock of a fake history, as a read's clock. */
export const clockOf = (history: FakeHistory) => () => history.clock.now
