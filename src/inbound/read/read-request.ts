import type { Client } from '@botpress/client'
import type { Request, Response } from '@botpress/sdk'
import { jsonResponse } from '../../errors'
import type { Tenant } from '../../message-signal'
import type { ConversationOwners } from './conversation-owners'
import type { FeedWatch } from './feed-watch'
import type { KnownConversations } from './known-conversations'
import { waitForMessages } from './long-poll'
import { parseDeliveriesQuery, parseReadQuery } from './parse-read-query'
import { openFailedDeliveriesRead } from './read-failed-deliveries'
import { preferredWaitSeconds } from '../request/prefer-wait'
import { openFeedRead } from './read-feed'
import { openConversationRead } from './read-messages'
import { countedRead } from './read-page'

/** What reads on one instance share: lookups, and the poll waiting reads listen to. */
export type ReadShared = { owners: ConversationOwners; conversations: KnownConversations; watch: FeedWatch }

type ReadDeps = { req: Request; caller: Client; reads: ReadShared; ctx: Tenant }

/**
 * `GET {webhook URL}/messages`: one conversation's bot messages, or without `conversationId` the feed of every
 * conversation; with `Prefer: wait`, held until a bot message follows the cursor or the wait runs out. One
 * bound of Botpress calls for the whole request, waited or not.
 */
export const answerRead = async ({ req, caller, reads, ctx }: ReadDeps): Promise<Response> => {
  const query = parseReadQuery(req.query)
  const wait = preferredWaitSeconds(req.headers['prefer'])
  const { client, counter } = countedRead(caller)
  const { conversationId } = query
  const reading = { ...reads, client, tenant: ctx, clock: Date.now }
  const read =
    conversationId === undefined
      ? await openFeedRead(reading, query, counter)
      : await openConversationRead(reading, { ...query, conversationId }, counter)
  if (wait === undefined) return jsonResponse(200, await read.next())
  const answer = await waitForMessages(read, wait, ctx, counter, reads.watch)
  return jsonResponse(200, answer, { 'preference-applied': `wait=${wait}` })
}

/**
 * `GET {webhook URL}/deliveries?status=failed`: the bot messages whose delivery finally failed, oldest first,
 * each in its delivery envelope with `failedAt` and `reason`; within the reads' bound of Botpress calls.
 */
export const answerFailedDeliveries = async ({ req, caller }: Pick<ReadDeps, 'req' | 'caller'>): Promise<Response> => {
  const query = parseDeliveriesQuery(req.query)
  const { client, counter } = countedRead(caller)
  const read = await openFailedDeliveriesRead(client, query, counter, Date.now)
  const { messages, hasMore, cursor } = await read.next()
  return jsonResponse(200, { deliveries: messages, hasMore, cursor })
}
