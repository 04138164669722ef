import type { Client } from '@botpress/client'
import { isRunning, isScheduled } from './bot-status'
import { eventKey, type Look } from './look'

export type EventReader = Pick<Client, 'listEvents'>

/** Pages of the conversation's events read at most, newest first, to find what else ran around a message. */
const MAX_EVENT_PAGES = 5

/**
 * An event may have run at the same time as a message of the same conversation for this long before it: the
 * time Botpress gives a bot to handle an event. Used only where no look before the message exists.
 */
export const OVERLAP_BEFORE_MS = 60_000

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
 * - created before it, with the look before writing (`look`): it may have run all along if something was
 *   running at the look, if it was a reminder then and has fired since, or if it is newer than the look's
 *   newest event (created between the look and the message); the look's newest event and older ones had
 *   settled, so the scan stops there once every reminder of the look is read;
 * - with no look (a message first written without a wait, or a look that failed), the newest one before the
 *   message that is not scheduled: it may have run all along if it runs still or began less than
 *   OVERLAP_BEFORE_MS before the message.
 * Botpress keeps an event for each message and event handed to the bot, not for the bot's own messages.
 */
export const readRivals = async (
  client: EventReader,
  conversationId: string,
  own: Own,
  look: Look | undefined
): Promise<Rivals> => {
  const ownMs = Date.parse(own.createdAt)
  let since: number | undefined
  const rival = (fromMs: number) => (since = Math.min(since ?? Infinity, fromMs))
  // An event that ran when the message was written may have gone on: whatever it wrote is not surely ours.
  if (look?.running) rival(-Infinity)
  // Reminders scheduled at the look may fire at any time after it, however old: each is read before the scan
  // stops at an older settled event.
  const reminders = new Set(look?.reminders)
  let lookedAt = false
  let nextToken: string | undefined
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const listed = await client.listEvents({ conversationId, nextToken })
    for (const event of listed.events) {
      const key = eventKey(event.id)
      const wasReminder = reminders.delete(key)
      lookedAt ||= key === look?.newest
      if (event.messageId === own.messageId || isScheduled(event.status)) continue
      const createdMs = Date.parse(event.createdAt)
      if (createdMs > ownMs) {
        rival(createdMs)
        continue
      }
      if (look === undefined) {
        if (isRunning(event.status) || ownMs - createdMs < OVERLAP_BEFORE_MS) rival(-Infinity)
        return { since, reached: true }
      }
      if (wasReminder || !lookedAt) rival(-Infinity)
      else if (!reminders.size) return { since, reached: true }
    }
    nextToken = listed.meta.nextToken
    if (!nextToken) return { since, reached: true }
  }
  // Older events went unread: any of them may have begun right after the message.
  return { since: -Infinity, reached: false }
}
