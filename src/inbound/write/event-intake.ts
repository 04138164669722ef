import type { Request, z } from '@botpress/sdk'
import type { events } from '../../../definitions/events'
import { states } from '../../../definitions/states'
import { isApiErrorOf, step } from '../../botpress/botpress-errors'
import { jsonResponse } from '../../errors'
import { readJsonBody } from '../request/read-body'
import { parseInboundEvent } from './parse-event'
import type { InboundEvent } from './parse-event'
import { resolveParties, type BotpressWriter, type Writer } from '../../botpress/parties'

/** The event type declared in the definition (`definitions/events.ts`). */
export const CUSTOM_EVENT: keyof typeof events = 'custom'

/** How long, and for how many ids per conversation, a resent `eventId` is recognised (documented in hub.md). */
export const EVENT_ID_RULES = { windowMs: 24 * 60 * 60_000, maxPerConversation: 500 } as const

type Seen = z.infer<typeof states.eventIds.schema>['seen']

const STATE_NAME: keyof typeof states = 'eventIds'
const STATE = { type: states.eventIds.type, name: STATE_NAME } as const

const readSeen = async (client: BotpressWriter, conversationId: string): Promise<Seen> => {
  try {
    const { state } = await client.getState({ ...STATE, id: conversationId })
    // Read by its schema: a state of another shape remembers nothing, and a resent eventId then makes an event.
    const parsed = states.eventIds.schema.safeParse(state.payload)
    return parsed.success ? parsed.data.seen : {}
  } catch (thrown) {
    // No state yet: nothing was seen. Other failures are the caller's answer.
    if (isApiErrorOf(thrown, 'ResourceNotFound')) return {}
    throw thrown
  }
}

/** The most recent ids inside the window, bounded in number. */
const pruned = (seen: Seen, now: number): Seen =>
  Object.fromEntries(
    Object.entries(seen)
      .filter(([, entry]) => now - entry.at < EVENT_ID_RULES.windowMs)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, EVENT_ID_RULES.maxPerConversation)
  )

/**
 * Creates a custom event linked to the user and conversation (created or found as for messages).
 * With an `eventId` seen in this conversation within the window, creates nothing and answers the first
 * event's id. Two requests with the same `eventId` in flight at the same moment may both create one.
 */
export const intakeEvent = async (writer: Writer, input: InboundEvent) => {
  const { client } = writer
  const { user, conversation } = await resolveParties(writer, input)
  const seen = input.eventId ? await step('reading the seen eventIds', () => readSeen(client, conversation.id)) : {}
  const first = input.eventId ? seen[input.eventId] : undefined
  if (first && Date.now() - first.at < EVENT_ID_RULES.windowMs) {
    return { event: { id: first.botpressEventId }, duplicate: true, user, conversation }
  }
  const { event } = await step('creating the event', () =>
    client.createEvent({
      type: CUSTOM_EVENT,
      payload: { name: input.name, payload: input.payload },
      conversationId: conversation.id,
      userId: user.id,
    })
  )
  if (input.eventId) {
    const now = Date.now()
    const remembered = pruned({ ...seen, [input.eventId]: { botpressEventId: event.id, at: now } }, now)
    await step('remembering the eventId', () =>
      client.setState({
        ...STATE,
        id: conversation.id,
        payload: { seen: remembered },
        expiry: EVENT_ID_RULES.windowMs,
      })
    )
  }
  return { event, duplicate: false, user, conversation }
}

/** `POST {webhook URL}/events`: one custom event for the bot. */
export const answerEvent = async ({ req, writer }: { req: Request; writer: Writer }) => {
  const { event, duplicate, user, conversation } = await intakeEvent(writer, parseInboundEvent(readJsonBody(req)))
  return jsonResponse(200, { event, user, conversation, duplicate })
}
