import { messages } from '@botpress/sdk'
import { HttpError, type FieldIssue } from '../errors'
import { inboundMessageSchema } from './message-schema'

export type MessageType = keyof typeof messages.defaults
export const MESSAGE_TYPES = Object.keys(messages.defaults) as MessageType[]

/** A validated user message, ready to be written to Botpress. */
export type InboundMessage = {
  userId: string
  messageId: string
  conversationId: string
  type: MessageType
  payload: Record<string, unknown>
}

type RawIssue = { path: PropertyKey[]; message: string }

const toFieldIssues = (issues: RawIssue[], prefix: string[] = []): FieldIssue[] =>
  issues.map(({ path, message }) => {
    const field = [...prefix, ...path.map(String)].join('.') || '(body)'
    return { path: field, message: `${field} ${message === 'Required' ? 'is required' : lowerFirst(message)}` }
  })

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

const invalid = (issues: FieldIssue[]) =>
  new HttpError(400, 'invalid_body', `The request body is invalid: ${issues.map((i) => i.message).join('; ')}.`, issues)

const isMessageType = (type: string): type is MessageType => (MESSAGE_TYPES as string[]).includes(type)

/**
 * Validates a parsed JSON body against the public contract and the payload schema of its type.
 * For `text`, the payload may be omitted (it becomes `{ text }`) and keeps any extra fields the caller sent.
 */
export const parseInboundMessage = (body: unknown): InboundMessage => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid([{ path: '(body)', message: 'The body must be a JSON object' }])
  }
  const parsed = inboundMessageSchema.safeParse(body)
  if (!parsed.success) {
    throw invalid(toFieldIssues(parsed.error.issues))
  }
  const { type, text, payload, ...ids } = parsed.data
  if (!isMessageType(type)) {
    throw invalid([
      { path: 'type', message: `type "${type}" is not supported; use one of: ${MESSAGE_TYPES.join(', ')}` },
    ])
  }
  const fullPayload = type === 'text' ? { ...payload, text: payload?.text ?? text } : payload
  if (!fullPayload) {
    throw invalid([{ path: 'payload', message: `payload is required for type "${type}"` }])
  }
  const checked = messages.defaults[type].schema.safeParse(fullPayload)
  if (!checked.success) {
    throw invalid(toFieldIssues(checked.error.issues, ['payload']))
  }
  return { ...ids, type, payload: fullPayload }
}
