import type { Client, Event } from '@botpress/client'

export type StatusReader = Pick<Client, 'listEvents' | 'getEvent'>

/** How the bot's handling of a message ended: the final statuses of its `message_created` event. */
export type Outcome = Exclude<Event['status'], 'pending' | 'scheduled'>

/**
 * The bot is still at it (or has not started). For another event of the conversation, `scheduled` is not
 * running: a reminder for tomorrow runs only once it fires (`isRunning`).
 */
export const isUnsettled = (status: Event['status']): status is 'pending' | 'scheduled' =>
  status === 'pending' || status === 'scheduled'

/** Whether another event of the conversation is running now: handed to the bot and not settled. */
export const isRunning = (status: Event['status']): boolean => status === 'pending'

/** A reminder that has not fired: it has not run, and runs only once it leaves `scheduled`. */
export const isScheduled = (status: Event['status']): boolean => status === 'scheduled'

export type BotStatus =
  | { kind: 'settled'; outcome: Outcome; failureReason: string | null; eventId: string }
  | { kind: 'pending' }
  /** Botpress keeps no `message_created` event for this message. */
  | { kind: 'unknown' }

/**
 * Reads, one Botpress call at a time, how far the bot is with one incoming message. Botpress keeps a
 * `message_created` event per incoming message, whose status goes from `pending` to `processed`,
 * `failed` (with `failureReason`) or `ignored` once the bot has handled it. The first read finds the
 * event by message id; the next ones read it by its own id. A refused call throws.
 */
export const botStatusReader = (client: StatusReader, messageId: string) => {
  let eventId: string | undefined
  return async (): Promise<BotStatus> => {
    const event = eventId
      ? (await client.getEvent({ id: eventId })).event
      : (await client.listEvents({ messageId, type: 'message_created' })).events[0]
    if (!event) return { kind: 'unknown' }
    eventId = event.id
    return isUnsettled(event.status)
      ? { kind: 'pending' }
      : { kind: 'settled', outcome: event.status, failureReason: event.failureReason ?? null, eventId: event.id }
  }
}
