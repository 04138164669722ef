import { z } from 'zod'

/** Bounds keep one request small enough for Botpress and for our logs; they are documented in hub.md. */
export const LIMITS = {
  idLength: 256,
  typeLength: 64,
  textLength: 16_384,
  bodyBytes: 128 * 1024,
} as const

const requiredString = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })

/** The body a back-end POSTs for one user message (the public contract; extra fields are ignored). */
export const inboundMessageSchema = z.object({
  userId: requiredString(LIMITS.idLength),
  messageId: requiredString(LIMITS.idLength),
  conversationId: requiredString(LIMITS.idLength),
  type: requiredString(LIMITS.typeLength),
  text: requiredString(LIMITS.textLength),
  payload: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).optional(),
})

export type InboundMessageBody = z.infer<typeof inboundMessageSchema>
