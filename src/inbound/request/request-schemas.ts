import { z } from '@botpress/sdk'
import { LIMITS } from '../../../definitions/limits'

type Issue = (message: string) => void

const atMost = (max: number) => `must be at most ${max} characters`

/** Characters as Unicode counts them (code points): an emoji is one, though two UTF-16 units. */
export const codePoints = (text: string) => {
  let count = 0
  for (const _ of text) count += 1
  return count
}

/**
 * A length's bounds, checked as the webhook always has: a string's in characters, and also the `length` of any
 * other value that has one (an array), beside its type's message; JavaScript's comparisons decide.
 */
const checkLength = (value: unknown, bounds: { min?: number; max: number }, issue: Issue) => {
  if (value === undefined || value === null) return
  const units = (value as { length?: unknown }).length as number
  if (units === undefined) return
  // Code points are never more than UTF-16 units: only a string over the bound in units needs counting.
  const length = typeof value === 'string' && units > bounds.max ? codePoints(value) : units
  if (bounds.min !== undefined && !(length >= bounds.min)) issue('must not be empty')
  if (!(length <= bounds.max)) issue(atMost(bounds.max))
}

/** A required string of 1 to `max` characters; `rule` is one more check, on strings only. */
const requiredString = (max: number, rule?: (value: string, issue: Issue) => void) =>
  z.unknown().transform((value, ctx): string => {
    let issues = 0
    const issue: Issue = (message) => {
      issues += 1
      ctx.addIssue({ code: 'custom', message })
    }
    if (typeof value !== 'string') issue(value === undefined ? 'is required' : 'must be a string')
    checkLength(value, { min: 1, max }, issue)
    if (typeof value === 'string') rule?.(value, issue)
    return issues ? '' : (value as string)
  })

/** Empty is already reported as such; blank would pass as a custom type named "  ". */
const notBlank = (type: string, issue: Issue) => {
  if (type !== '' && type.trim() === '') issue('must not be blank')
}

const NOT_A_URL = 'must be an http(s) URL'

/**
 * An http(s) URL as the webhook takes it: `http://` or `https://` in any case, a host, then no whitespace;
 * whitespace around it is trimmed. openapi.yaml's `UserPictureUrl` states this very pattern (a test holds them
 * equal), so a URL the document allows is one the webhook takes, and the other way round.
 */
const URL_CORE = '[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+(?:[/?#]\\S*)?'
export const HTTP_URL_PATTERN = `^\\s*${URL_CORE}\\s*$`
const HTTP_URL = new RegExp(HTTP_URL_PATTERN)

/**
 * A media URL in a message's payload (`imageUrl`, a card action's `url`…): the same, with nothing around it.
 * Only http(s): `file:`, `data:` or `javascript:` would reach the bot and the channels it forwards to.
 * openapi.yaml states this pattern on every such field (a test holds them equal).
 */
export const MEDIA_URL_PATTERN = `^${URL_CORE}$`
export const MEDIA_URL = new RegExp(MEDIA_URL_PATTERN)

/** An http(s) URL of at most `max` characters as sent (HTTP_URL_PATTERN), kept trimmed. */
const httpUrl = (max: number) =>
  z.unknown().transform((value, ctx): string => {
    const issue: Issue = (message) => ctx.addIssue({ code: 'custom', message })
    if (typeof value !== 'string' || !HTTP_URL.test(value)) issue(NOT_A_URL)
    checkLength(value, { max }, issue)
    return typeof value === 'string' ? value.trim() : ''
  })

/** Optional profile of the user, set on the Botpress user (`name`, `pictureUrl`) when it changes. */
const profile = {
  userName: requiredString(LIMITS.userNameLength).optional(),
  userPictureUrl: httpUrl(LIMITS.urlLength).optional(),
}

/**
 * The body a back-end POSTs for one user message (the public contract; extra fields are ignored). Every field
 * is checked and each problem reported, in this order; the SDK's own zod (`z`) walks the body and names them.
 */
export const inboundMessageSchema = z.object({
  userId: requiredString(LIMITS.idLength),
  messageId: requiredString(LIMITS.idLength),
  conversationId: requiredString(LIMITS.idLength),
  type: requiredString(LIMITS.typeLength, notBlank),
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
  payload: z.record(z.unknown(), { required_error: 'is required', invalid_type_error: 'must be a JSON object' }),
  eventId: requiredString(LIMITS.idLength).optional(),
  ...profile,
})

/** A MIME type, `type/subtype` with an optional parameter (RFC 6838 names; `image/png`, `text/plain; charset=utf-8`). */
export const MIME_TYPE_PATTERN =
  '^[A-Za-z0-9][\\w!#$&^.+-]*/[A-Za-z0-9][\\w!#$&^.+-]*(?:[ \\t]*;[ \\t]*[\\w!#$&^.+-]+=[\\w!#$&^.+-]+)*$'
const MIME_TYPE = new RegExp(MIME_TYPE_PATTERN)

const positiveWholeNumber = (max: number, what: string) =>
  z.unknown().transform((value, ctx): number => {
    const issue: Issue = (message) => ctx.addIssue({ code: 'custom', message })
    if (value === undefined) issue('is required')
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      issue('must be a whole number, 1 or more')
    else if (value > max) issue(`must be at most ${max} ${what}`)
    return typeof value === 'number' ? value : 0
  })

/** A file's name: a label kept in a Botpress tag, so printable text only. */
export const FILE_NAME_PATTERN = '^[^\\u0000-\\u001f\\u007f]*$'
const FILE_NAME = new RegExp(FILE_NAME_PATTERN, 'u')
/** Half of a UTF-16 pair alone: no character at all, which a tag could not store. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * The body a back-end POSTs to `/files` to get an upload URL. The declared `size` over LIMITS.fileBytes is
 * answered 413 (`file-intake.ts` reads it before this schema does).
 */
export const fileRequestSchema = z.object({
  name: requiredString(LIMITS.fileNameLength, (value, issue) => {
    if (LONE_SURROGATE.test(value) || !FILE_NAME.test(value))
      issue('must be printable text, without control characters')
  }),
  contentType: requiredString(LIMITS.contentTypeLength, (value, issue) => {
    if (value && !MIME_TYPE.test(value)) issue('must be a MIME type such as image/png')
  }),
  size: positiveWholeNumber(Number.MAX_SAFE_INTEGER, 'bytes'),
  expiresInDays: positiveWholeNumber(LIMITS.fileDays.max, 'days').optional(),
})

/** The body a back-end POSTs to `/deliveries/redeliver`: the bot messages to deliver again. */
export const redeliverRequestSchema = z.object({
  botpressMessageIds: z
    .array(requiredString(LIMITS.idLength), {
      required_error: 'is required',
      invalid_type_error: 'must be an array of botpressMessageId strings',
    })
    .min(1, 'must list at least one id')
    .max(LIMITS.redeliverIds, `must list at most ${LIMITS.redeliverIds} ids: send the others in another request`),
})
