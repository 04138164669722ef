import { messages } from '@botpress/sdk'
import { invalidBody, profileOf, requireObject, toFieldIssues, type Profile } from './field-issues'
import { inboundMessageSchema } from './request-schemas'

export type MessageType = keyof typeof messages.defaults
export const MESSAGE_TYPES = Object.keys(messages.defaults) as MessageType[]

/** A validated user message, ready to be written to Botpress. */
export type InboundMessage = {
  userId: string
  messageId: string
  conversationId: string
  type: MessageType
  payload: Record<string, unknown>
  profile: Profile
}

const isMessageType = (type: string): type is MessageType => (MESSAGE_TYPES as string[]).includes(type)

/**
 * Validates a parsed JSON body against the public contract and the payload schema of its type.
 * For `text`, the payload may be omitted (it becomes `{ text }`) and keeps any extra fields the caller sent.
 */
export const parseInboundMessage = (body: unknown): InboundMessage => {
  const parsed = inboundMessageSchema.safeParse(requireObject(body))
  if (!parsed.success) {
    throw invalidBody(toFieldIssues(parsed.error.issues))
  }
  const { type, text, payload, userId, messageId, conversationId } = parsed.data
  if (!isMessageType(type)) {
    throw invalidBody([
      { path: 'type', message: `type "${type}" is not supported; use one of: ${MESSAGE_TYPES.join(', ')}` },
    ])
  }
  const fullPayload = type === 'text' ? { ...payload, text: payload?.text ?? text } : payload
  if (!fullPayload) {
    throw invalidBody([{ path: 'payload', message: `payload is required for type "${type}"` }])
  }
  const checked = messages.defaults[type].schema.safeParse(fullPayload)
  if (!checked.success) {
    throw invalidBody(toFieldIssues(checked.error.issues, ['payload']))
  }
  return { userId, messageId, conversationId, type, payload: fullPayload, profile: profileOf(parsed.data) }
}
