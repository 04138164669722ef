import type { Client } from '@botpress/client'
import { CHANNEL } from '../../../definitions/name'
import { isRunning, isScheduled } from './bot-status'

export type EventReader = Pick<Client, 'listEvents'>
export type ConversationFinder = Pick<Client, 'listConversations'>

/**
 * What Botpress had handed the bot in a conversation just before a waited message was written: each event
 * of the conversation's newest page, and whether the bot was still at it. Undefined when it could not be read.
 */
export type EventsBefore =
  Map<string, { running: boolean; scheduled: boolean; messageId?: string; createdAt: string }> | undefined

/** Pages of the conversation's events read at most, newest first, to find what else ran around a message. */
const MAX_EVENT_PAGES = 5

/**
 * An event may have run at the same time as a message of the same conversation for this long before it: the
 * time Botpress gives a bot to handle an event. Used only where no look before the message exists (a resend).
 */
export const OVERLAP_BEFORE_MS = 60_000

/** Reads the conversation's events before a waited message is written: two calls, one for a new conversation. */
export const lookBeforeWriting = async (
  client: ConversationFinder & EventReader,
  callerConversationId: string
): Promise<EventsBefore> => {
  try {
    const { conversations } = await client.listConversations({ channel: CHANNEL, tags: { id: callerConversationId } })
    const conversation = conversations[0]
    if (!conversation) return new Map()
    const { events } = await client.listEvents({ conversationId: conversation.id })
    return new Map(
      events.map((e) => [
        e.id,
        {
          running: isRunning(e.status),
          scheduled: isScheduled(e.status),
          messageId: e.messageId,
          createdAt: e.createdAt,
        },
      ])
    )
  } catch {
    // Without this look, the wait judges earlier events by their times instead.
    return undefined
  }
}

/**
 * The look before writing, for the message the intake answered; undefined when that message was written
 * before the look (a resend): the look then says nothing of what ran when it was written.
 */
export const lookFor = (before: EventsBefore, message: { id: string; createdAt: string }): EventsBefore => {
  const written = Date.parse(message.createdAt)
  const resent = [...(before?.values() ?? [])].some(
    (event) => event.messageId === message.id || Date.parse(event.createdAt) > written
  )
  return resent ? undefined : before
}

/**
 * What else of the conversation the bot may have handled while it handled the message: `since`, the time
 * from which a reply may belong to something else (undefined: nothing else ran; -Infinity: from the start);
 * `reached`, whether the events were read far enough back to say.
 */
export type Rivals = { since?: number; reached: boolean }

type Own = { messageId: string; createdAt: string }

/**
 * Reads the conversation's events newest first and judges each, other than the message's own:
 * - still `scheduled` (a reminder that has not fired): it has not run, whenever it was created;
 * - created after the message: it ran from its creation on;
 * - created before it and running at the look before writing, scheduled then and fired since, or created
 *   after that look: it may have run all along;
 * - with no look before writing (a resend), the newest one before the message that is not scheduled: it may
 *   have run all along if it runs still or began less than OVERLAP_BEFORE_MS before the message.
 * Botpress keeps an event for each message and event handed to the bot, not for the bot's own messages.
 */
export const readRivals = async (
  client: EventReader,
  conversationId: string,
  own: Own,
  before: EventsBefore
): Promise<Rivals> => {
  const ownMs = Date.parse(own.createdAt)
  let since: number | undefined
  const rival = (fromMs: number) => (since = Math.min(since ?? Infinity, fromMs))
  // An event that ran when the message was written may have gone on: whatever it wrote is not surely ours.
  if (before && [...before.values()].some((event) => event.running)) rival(-Infinity)
  // Reminders scheduled at the look may fire at any time after it, however old: each is read before the scan
  // stops at an older settled event.
  const reminders = new Set([...(before ?? new Map())].flatMap(([id, event]) => (event.scheduled ? [id] : [])))
  let nextToken: string | undefined
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const listed = await client.listEvents({ conversationId, nextToken })
    for (const event of listed.events) {
      reminders.delete(event.id)
      if (event.messageId === own.messageId || isScheduled(event.status)) continue
      const createdMs = Date.parse(event.createdAt)
      if (createdMs > ownMs) {
        rival(createdMs)
        continue
      }
      if (before === undefined) {
        if (isRunning(event.status) || ownMs - createdMs < OVERLAP_BEFORE_MS) rival(-Infinity)
        return { since, reached: true }
      }
      const known = before.get(event.id)
      if (!known || known.running || known.scheduled) rival(-Infinity)
      else if (!reminders.size) return { since, reached: true }
    }
    nextToken = listed.meta.nextToken
    if (!nextToken) return { since, reached: true }
  }
  // Older events went unread: any of them may have begun right after the message.
  return { since: -Infinity, reached: false }
}
