import { HttpError, type FieldIssue } from '../../errors'
import { LIMITS } from '../../../definitions/limits'
import { codePoints } from '../request/request-schemas'

/**
 * What `GET {webhook URL}/messages` reads: the back-end's conversation (or, without one, the feed of every
 * conversation), after a cursor or message, a page of `limit`.
 */
export type ReadQuery = { conversationId?: string; after?: string; limit: number }

/** Documented in hub.md ("Reading the bot's messages"). */
export const READ_LIMITS = { defaultLimit: 50, maxLimit: 100 } as const

const PARAMETERS = ['conversationId', 'after', 'limit'] as const
type Parameter = (typeof PARAMETERS)[number]

const invalidQuery = (issues: FieldIssue[]) =>
  new HttpError(
    400,
    'invalid_query',
    `The query string is invalid: ${issues.map((i) => i.message).join('; ')}.`,
    issues
  )

/** The one value of each known parameter; a parameter given twice is ambiguous, so it is refused. */
const readParameters = (params: URLSearchParams, issues: FieldIssue[]) => {
  const values: Partial<Record<Parameter, string>> = {}
  for (const name of PARAMETERS) {
    const all = params.getAll(name)
    if (all.length > 1) issues.push({ path: name, message: `${name} is given ${all.length} times; give it once` })
    values[name] = all[0]
  }
  return values
}

const parseLimit = (raw: string | undefined, issues: FieldIssue[]): number => {
  if (raw === undefined) return READ_LIMITS.defaultLimit
  const limit = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN
  if (!(limit >= 1 && limit <= READ_LIMITS.maxLimit)) {
    issues.push({ path: 'limit', message: `limit must be a whole number from 1 to ${READ_LIMITS.maxLimit}` })
  }
  return limit
}

const checkConversationId = (value: string | undefined, issues: FieldIssue[]) => {
  if (value === '') {
    issues.push({
      path: 'conversationId',
      message: 'conversationId is empty: give the id your messages carry, or omit it to read every conversation',
    })
  } else if (value !== undefined && codePoints(value) > LIMITS.idLength) {
    // Counted as a write counts it: every conversation a message can be written to can be read.
    issues.push({ path: 'conversationId', message: `conversationId must be at most ${LIMITS.idLength} characters` })
  }
}

const checkAfter = (value: string | undefined, issues: FieldIssue[]) => {
  if (value === '') {
    issues.push({ path: 'after', message: 'after is empty: omit it to read from the first message' })
  } else if (value !== undefined && value.length > LIMITS.idLength) {
    issues.push({ path: 'after', message: `after must be at most ${LIMITS.idLength} characters` })
  }
}

/**
 * The query string of a read (`req.query`, without `?`). Only the shape of `after` is checked here: whether
 * it names a message of the conversation is Botpress's to say. Unknown parameters are ignored, as unknown
 * body fields are.
 */
export const parseReadQuery = (query: string): ReadQuery => {
  const issues: FieldIssue[] = []
  const { conversationId, after, limit: rawLimit } = readParameters(new URLSearchParams(query), issues)
  checkConversationId(conversationId, issues)
  checkAfter(after, issues)
  const limit = parseLimit(rawLimit, issues)
  if (issues.length) throw invalidQuery(issues)
  return {
    limit,
    ...(conversationId !== undefined ? { conversationId } : {}),
    ...(after !== undefined ? { after } : {}),
  }
}

/**
 * The query string of `GET /deliveries`: `status=failed` (the only list there is), then `after` and `limit`
 * as for a read.
 */
export const parseDeliveriesQuery = (query: string): { after?: string; limit: number } => {
  const issues: FieldIssue[] = []
  const params = new URLSearchParams(query)
  const statuses = params.getAll('status')
  if (statuses.length !== 1 || statuses[0] !== 'failed') {
    issues.push({ path: 'status', message: 'status must be given once, as failed (the deliveries that failed)' })
  }
  const { after, limit: rawLimit } = readParameters(params, issues)
  checkAfter(after, issues)
  const limit = parseLimit(rawLimit, issues)
  if (issues.length) throw invalidQuery(issues)
  return { limit, ...(after !== undefined ? { after } : {}) }
}
