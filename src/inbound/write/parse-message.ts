import { messages } from '@botpress/sdk'
import { channels } from '../../../definitions/channels'
import { CHANNEL } from '../../../definitions/name'
import { invalidBody, isJsonObject, parseFields, profileOf, requireObject } from '../request/field-issues'
import type { Profile } from '../../botpress/parties'
import { inboundMessageSchema } from '../request/request-schemas'
import { unknownFields } from '../request/unknown-fields'
import { mediaUrlIssues } from './media-urls'

export type MessageType = keyof typeof messages.defaults
export const MESSAGE_TYPES = Object.keys(messages.defaults) as MessageType[]

/** The payload schemas of the channel, as deployed: Botpress checks messages against these. */
const PAYLOAD_SCHEMAS = channels[CHANNEL].messages

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

/** A type of the back-end's own becomes text: its `text` for the bot to read, the rest kept beside it. */
const customTypePayload = (type: string, text: string, payload: unknown) => ({
  text,
  originalType: type,
  ...(payload === undefined ? {} : { originalPayload: payload }),
})

/**
 * A text message says one thing: `text`, and `payload.text` when given, must agree (either may be empty).
 * Keeping one would silently drop the other.
 */
const refuseTwoTexts = (text: string, payloadText: unknown) => {
  if (typeof payloadText !== 'string' || !payloadText || !text || payloadText === text) return
  throw invalidBody([
    {
      path: 'payload.text',
      message: 'payload.text differs from text: send the same text in both, or only one of them',
    },
  ])
}

/** The payload of one of the 12 types, checked as Botpress checks it: required fields, and no others. */
const knownTypePayload = (type: MessageType, text: string, payload: unknown): Record<string, unknown> => {
  if (payload !== undefined && !isJsonObject(payload)) {
    throw invalidBody([{ path: 'payload', message: 'payload must be a JSON object' }])
  }
  if (type === 'text') refuseTwoTexts(text, payload?.text)
  const full = type === 'text' ? { ...payload, text: payload?.text ?? text } : payload
  if (!full) {
    throw invalidBody([{ path: 'payload', message: `payload is required for type "${type}"` }])
  }
  const checked = parseFields(PAYLOAD_SCHEMAS[type].schema, full, ['payload'])
  const unknown = unknownFields(full, checked, 'payload')
  if (unknown.length) {
    throw invalidBody(unknown.map((path) => ({ path, message: `${path} is not a field of type "${type}"` })))
  }
  // A text's extra fields are the back-end's own; every other type's URLs reach the bot's channels.
  const urls = type === 'text' ? [] : mediaUrlIssues(full)
  if (urls.length) throw invalidBody(urls)
  return full
}

/**
 * Validates a parsed JSON body against the public contract. One of the 12 types is checked against its
 * payload schema; for `text` the payload may be omitted (it becomes `{ text }`) and keeps extra fields.
 * Any other type is the back-end's own and is written as text (see `customTypePayload`).
 */
export const parseInboundMessage = (body: unknown): InboundMessage => {
  const fields = parseFields(inboundMessageSchema, requireObject(body))
  const { type, text, payload, userId, messageId, conversationId } = fields
  const written = isMessageType(type)
    ? { type, payload: knownTypePayload(type, text, payload) }
    : { type: 'text' as const, payload: customTypePayload(type, text, payload) }
  return { userId, messageId, conversationId, ...written, profile: profileOf(fields) }
}
