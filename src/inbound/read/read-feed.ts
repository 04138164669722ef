import type { Client } from '@botpress/client'
import { deliveryOfTagged, FEED_TAG } from '../../feed-tag'
import type { Tenant } from '../../message-signal'
import { CHANNEL } from '../../../definitions/name'
import { step } from '../../botpress/botpress-errors'
import { countCalls, type CallCounter } from '../../botpress/call-count'
import type { ConversationOwners } from './conversation-owners'
import { TRAILING_WINDOW_MS } from './hand-on'
import { openRead, type OpenRead, type ReadStep } from './open-read'
import type { ReadQuery } from './parse-read-query'
import { readPage, type ReadScope } from './read-page'
import { positionAfterMessage } from '../../botpress/forward-walk'
import type { Cursor, Position } from './read-position'
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
const firstConversationMs = async (client: FeedReader): Promise<number | undefined> => {
  const { conversations } = await step('finding the first conversation', () =>
    client.listConversations({ channel: CHANNEL, sortField: 'createdAt', sortDirection: 'asc' })
  )
  return conversations.length ? Math.min(...conversations.map((c) => Date.parse(c.createdAt))) : undefined
}

export type FeedReadContext = { client: FeedReader; owners: ConversationOwners; tenant: Tenant; clock: () => number }

/** Where the feed starts: a cursor issued before 1.2 or a message id goes on through every message, as then. */
const startCursor = async ({ client, clock }: FeedReadContext, after: string | undefined): Promise<Cursor> => {
  const start = await readStart(client, after, 'this bot')
  if ('cursor' in start) return start.cursor
  if ('message' in start) return { ...positionAfterMessage(start.message), listing: 'all' }
  if (start.from === 'now') return { listing: 'tagged', fromMs: clock() }
  const floorMs = await firstConversationMs(client)
  // No conversation on the channel yet, so no message of ours: every one to come carries the tag.
  return floorMs === undefined
    ? { listing: 'tagged', fromMs: clock() - TRAILING_WINDOW_MS }
    : { listing: 'all', fromMs: floorMs }
}

/** Calls a read through history from before 1.2 may spend looking for the first tagged message. */
const FIRST_TAGGED_CALLS = 6

/**
 * Opens `GET {webhook URL}/messages` without `conversationId`: the feed of the bot's messages in every
 * conversation of this integration, oldest first, each in the envelope a delivery carries. It lists only the
 * messages the channel handler tagged (`feed-tag.ts`), so its cost follows this integration's messages,
 * whatever else the bot does. History from before 1.2 has no tag: a read that starts there first finds the
 * first tagged message after it (a forward walk by tag, a few calls), then walks every message of the bot up
 * to that one, judging each by its conversation (`ConversationOwners`), as the feed did then; from there on
 * it lists by tag. With no tagged message yet, it walks to the newest message, then lists by tag.
 */
export const openFeedRead = async (
  context: FeedReadContext,
  query: ReadQuery,
  counter: CallCounter
): Promise<OpenRead> => {
  const { client, owners, tenant, clock } = context
  const tagged: ReadScope = {
    filter: { tags: { ...FEED_TAG } },
    looksBack: true,
    judge: async (passed) => passed.map(deliveryOfTagged),
  }
  const everyMessage = (untilMs: number | undefined): ReadScope => ({
    filter: untilMs === undefined ? {} : { untilMs: untilMs - 1 },
    looksBack: false,
    judge: owners.judgeFor(client, tenant),
  })
  /**
   * When the first tagged message from `fromMs` on was created: `null` when none is found within a few calls.
   * Searched once per walk: its cursor keeps the answer.
   */
  const firstTaggedMs = async (fromMs: number): Promise<number | null | undefined> => {
    const granted = Math.min(FIRST_TAGGED_CALLS, counter.left - FEED_LOOKUP_RESERVE - 1)
    if (granted <= 0) return undefined
    const search = countCalls(client, granted)
    const found = await readPage(search.client, tagged, { fromMs }, 1, search.counter, Infinity)
    const first = found.messages[0]
    // None found, or none within the calls: either way the walk goes on to the newest message, with all the
    // calls of the reads that follow (searching again on each could leave a crowded history too few to move).
    return first ? Date.parse(first.createdAt) : null
  }
  const readTagged = (from: Position, limit: number, readAtMs: number) => {
    counter.reserve(0)
    return readPage(client, tagged, from, limit, counter, readAtMs)
  }
  const readOnce: ReadStep = async (start, readAtMs) => {
    let cursor = start
    if (cursor.listing === 'all') {
      const untilMs = cursor.untilMs === undefined ? await firstTaggedMs(cursor.fromMs) : cursor.untilMs
      // The switch is on a millisecond's boundary: the walk passes the first tagged message's millisecond whole
      // (older messages may share it), and the one of a `last` that the tagged listing may not hold.
      const atLast = cursor.last?.ms === cursor.fromMs
      const switchMs = untilMs == null ? undefined : Math.max(untilMs, atLast ? cursor.fromMs : -Infinity) + 1
      // A walk's windows may reach past `switchMs`, but it lists nothing after it: everything before is passed.
      const passedSwitch = (position: Position) => switchMs !== undefined && position.fromMs >= switchMs
      if (!passedSwitch(cursor)) {
        counter.reserve(FEED_LOOKUP_RESERVE)
        const page = await readPage(client, everyMessage(switchMs), cursor, query.limit, counter, readAtMs)
        const ended = page.atEnd && !page.hasMore
        if (!ended && !passedSwitch(page.next)) return { page, listing: 'all', untilMs }
        // Through to the newest message: the feed lists by tag from there on.
        if (switchMs === undefined) return { page, listing: 'tagged' }
        // Through to the first tagged message: this read goes on by tag, with what is left of its limit, from
        // where the walk hands on (its trailing window, naming what it returned there), never past the switch.
        // A position at a `last` does not carry over: the tagged listing may not hold that message.
        const { last, ...handedOn } = page.next
        const next = last
          ? { ...handedOn, fromMs: switchMs }
          : { ...handedOn, fromMs: Math.min(handedOn.fromMs, switchMs) }
        const left = query.limit - page.messages.length
        if (!left) return { page: { ...page, hasMore: true, next }, listing: 'tagged' }
        const rest = await readTagged(next, left, readAtMs)
        return { page: { ...rest, messages: [...page.messages, ...rest.messages] }, listing: 'tagged' }
      }
      cursor = { ...cursor, listing: 'tagged', fromMs: switchMs! }
    }
    return { page: await readTagged(cursor, query.limit, readAtMs), listing: 'tagged' }
  }
  return openRead(await startCursor(context, query.after), readOnce, undefined, clock)
}
