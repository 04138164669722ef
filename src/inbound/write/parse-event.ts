import { profileOf, requireObject, parseFields } from '../request/field-issues'
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
  const fields = parseFields(inboundEventSchema, requireObject(body))
  const { userId, conversationId, name, payload, eventId } = fields
  return { userId, conversationId, name, payload, eventId, profile: profileOf(fields) }
}
