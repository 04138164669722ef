import { z } from 'zod'
import { LIMITS } from '../../../definitions/limits'

const requiredString = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })

/** Optional profile of the user, set on the Botpress user (`name`, `pictureUrl`) when it changes. */
const profile = {
  userName: requiredString(LIMITS.userNameLength).optional(),
  userPictureUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(LIMITS.urlLength, { error: `must be at most ${LIMITS.urlLength} characters` })
    .optional(),
}

/** The body a back-end POSTs for one user message (the public contract; extra fields are ignored). */
export const inboundMessageSchema = z.object({
  userId: requiredString(LIMITS.idLength),
  messageId: requiredString(LIMITS.idLength),
  conversationId: requiredString(LIMITS.idLength),
  // Empty is already reported as such; blank would pass as a custom type named "  ".
  type: requiredString(LIMITS.typeLength).refine((type) => type === '' || type.trim() !== '', {
    error: 'must not be blank',
  }),
  text: requiredString(LIMITS.textLength),
  /** An object for the 12 types; any JSON for a type of the back-end's own (the seed's "payload: any"). */
  payload: z.unknown().optional(),
  ...profile,
})

/** The body a back-end POSTs to `/events` for one custom event. */
export const inboundEventSchema = z.object({
  userId: requiredString(LIMITS.idLength),
  conversationId: requiredString(LIMITS.idLength),
  name: requiredString(LIMITS.eventNameLength),
  payload: z.record(z.string(), z.unknown(), {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a JSON object'),
  }),
  eventId: requiredString(LIMITS.idLength).optional(),
  ...profile,
})
