import { invalidBody, profileOf, requireObject, toFieldIssues } from '../request/field-issues'
import type { Profile } from '../../botpress/parties'
import { inboundEventSchema } from '../request/request-schemas'

/** A validated custom event from the back-end. */
export type InboundEvent = {
  userId: string
  conversationId: string
  name: string
  payload: Record<string, unknown>
  eventId?: string
  profile: Profile
}

/** Validates a parsed JSON body sent to `/events`. */
export const parseInboundEvent = (body: unknown): InboundEvent => {
  const parsed = inboundEventSchema.safeParse(requireObject(body))
  if (!parsed.success) {
    throw invalidBody(toFieldIssues(parsed.error.issues))
  }
  const { userId, conversationId, name, payload, eventId } = parsed.data
  return { userId, conversationId, name, payload, eventId, profile: profileOf(parsed.data) }
}
