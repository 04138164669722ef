import { z } from 'zod'

/** Bounds keep one request small enough for Botpress and for our logs; they are documented in hub.md. */
export const LIMITS = {
  idLength: 256,
  typeLength: 64,
  textLength: 16_384,
  nameLength: 256,
  urlLength: 2_048,
  bodyBytes: 128 * 1024,
} as const

const requiredString = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })

const jsonObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' })

/** Optional profile of the user, set on the Botpress user (`name`, `pictureUrl`) when it changes. */
const profile = {
  userName: requiredString(LIMITS.nameLength).optional(),
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
  type: requiredString(LIMITS.typeLength),
  text: requiredString(LIMITS.textLength),
  payload: jsonObject.optional(),
  ...profile,
})

/** The body a back-end POSTs to `/events` for one custom event. */
export const inboundEventSchema = z.object({
  userId: requiredString(LIMITS.idLength),
  conversationId: requiredString(LIMITS.idLength),
  name: requiredString(LIMITS.nameLength),
  payload: z.record(z.string(), z.unknown(), {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a JSON object'),
  }),
  eventId: requiredString(LIMITS.idLength).optional(),
  ...profile,
})
