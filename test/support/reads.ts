import { ConversationOwners } from '../../src/inbound/read/conversation-owners'
import { FeedWatch } from '../../src/inbound/read/feed-watch'
import { KnownConversations } from '../../src/inbound/read/known-conversations'
import type { ReadQuery } from '../../src/inbound/read/parse-read-query'
import { openFeedRead, type FeedReader } from '../../src/inbound/read/read-feed'
import { openConversationRead } from '../../src/inbound/read/read-messages'
import { countedRead, type ReadAnswer } from '../../src/inbound/read/read-page'
import type { FakeHistory } from './fake-history'
import { readLoop } from './history-shapes'

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

/** What a back-end catching up on one conversation (`chat-1`) does: reads from its cursor until nothing more follows. */
export const conversationLoop = (history: FakeHistory, limit: number, after?: string, maxReads?: number) =>
  readLoop(
    history,
    (cursor) =>
      readConversation(history.reader, { conversationId: 'chat-1', limit, ...(cursor ? { after: cursor } : {}) }),
    limit,
    after,
    maxReads
  )

/** A loop of feed reads; a fresh instance (no conversation known) for every read unless `warm`. */
export const feedLoop = (history: FakeHistory, limit: number, warm: boolean, after?: string, clock?: () => number) => {
  const shared = instance()
  const options = { ...(warm ? { shared } : {}), ...(clock ? { clock } : {}) }
  return readLoop(
    history,
    (cursor) => readFeed(history.reader, { limit, ...(cursor ? { after: cursor } : {}) }, options),
    limit,
    after
  )
}

/** The clock of a fake history, as a read's clock. */
export const clockOf = (history: FakeHistory) => () => history.clock.now
