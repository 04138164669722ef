import type { Client } from '@botpress/client'
import { TAG_VALUE_LENGTH } from '../../../definitions/limits'
import { CHANNEL } from '../../../definitions/name'
import { shortDigest } from '../../short-digest'
import { isRunning, isScheduled } from './bot-status'

type LookReader = Pick<Client, 'listConversations' | 'listEvents'>

/**
 * What Botpress had handed the bot in a conversation just before a waited message was written, as much as
 * judging its replies needs (`readRivals`): whether an event was running, the newest event, and the
 * reminders still scheduled. Events are named by an 8-character digest of their id (`eventKey`).
 */
export type Look = {
  running: boolean
  /** The newest event listed at the look; undefined when there was none. */
  newest?: string
  reminders: Set<string>
}

/** A look just taken, with what tells whether the message it is used for was written before it. */
export type FreshLook = {
  look: Look
  /** The look as the message's `look` tag: how a resend is judged as the first request was. */
  tag: string | undefined
  /** Whether the look saw the message already written: its own event, or an event created after it. */
  sawWritten: (message: { id: string; createdAt: string }) => boolean
}

const KEY_LENGTH = 8

export const eventKey = (eventId: string) => shortDigest(eventId, KEY_LENGTH)

/** `<running 0|1>.<newest key>.<reminder keys, concatenated>`; undefined when it would not fit in a tag. */
export const encodeLook = ({ running, newest, reminders }: Look): string | undefined => {
  const tag = `${running ? 1 : 0}.${newest ?? ''}.${[...reminders].join('')}`
  return tag.length <= TAG_VALUE_LENGTH ? tag : undefined
}

const LOOK_TAG = new RegExp(`^([01])\\.([\\w-]{${KEY_LENGTH}})?\\.((?:[\\w-]{${KEY_LENGTH}})*)$`)

/** The look a `look` tag holds; undefined for a missing or malformed tag (the resend is then judged by time). */
export const decodeLook = (tag: string | undefined): Look | undefined => {
  const parts = tag === undefined ? null : LOOK_TAG.exec(tag)
  if (!parts) return undefined
  const [, running, newest, reminders = ''] = parts
  return {
    running: running === '1',
    ...(newest ? { newest } : {}),
    reminders: new Set(reminders.match(new RegExp(`.{${KEY_LENGTH}}`, 'g')) ?? []),
  }
}

/**
 * Reads the conversation's newest page of events before a waited message is written: two calls, one for a
 * new conversation. Undefined when it could not be read: the wait then judges earlier events by their times.
 */
export const lookBeforeWriting = async (
  client: LookReader,
  callerConversationId: string
): Promise<FreshLook | undefined> => {
  try {
    const { conversations } = await client.listConversations({ channel: CHANNEL, tags: { id: callerConversationId } })
    const conversation = conversations[0]
    const events = conversation ? (await client.listEvents({ conversationId: conversation.id })).events : []
    const look: Look = {
      running: events.some((e) => isRunning(e.status)),
      ...(events[0] ? { newest: eventKey(events[0].id) } : {}),
      reminders: new Set(events.filter((e) => isScheduled(e.status)).map((e) => eventKey(e.id))),
    }
    return {
      look,
      tag: encodeLook(look),
      sawWritten: (message) =>
        events.some((e) => e.messageId === message.id || Date.parse(e.createdAt) > Date.parse(message.createdAt)),
    }
  } catch {
    return undefined
  }
}

/**
 * The look a message's turn is judged by: the one just taken, when this request wrote the message; for a
 * resend, the first request's, kept in the message's `look` tag. A tag equal to this request's own look may
 * have been written over by it (see docs/botpress-assumptions.md): the resend is then judged by time.
 */
export const lookForTurn = (
  fresh: FreshLook | undefined,
  message: { tags: Record<string, string | undefined> },
  resent: boolean
): Look | undefined => {
  if (!resent) return fresh?.look
  const kept = message.tags.look
  return kept !== undefined && kept !== fresh?.tag ? decodeLook(kept) : undefined
}

/**
 * Whether a user message was written once the bot had settled an event: its look (taken with `Prefer: wait`
 * just before it was written) saw that event as the newest, and nothing running.
 */
export const sawSettled = (message: { tags: Record<string, string | undefined> }, eventId: string): boolean => {
  const look = decodeLook(message.tags.look)
  return look !== undefined && !look.running && look.newest === eventKey(eventId)
}
