import type { FieldIssue } from '../../errors'
import { isJsonObject } from '../request/field-issues'
import { MEDIA_URL } from '../request/request-schemas'

/** The payload fields that hold a URL the bot and its channels may open, wherever a type nests them. */
const URL_FIELDS = new Set(['imageUrl', 'audioUrl', 'videoUrl', 'fileUrl'])

const issueFor = (path: string, value: string): FieldIssue => ({
  path,
  message: /^\s*data:/i.test(value)
    ? `${path} is a data: URL: put the bytes where an https URL serves them, and send that URL`
    : `${path} must be an http(s) URL`,
})

/**
 * Every URL of a checked payload that is not http(s): its media fields (a card's, a carousel's cards', a
 * bloc's items' included) and the value of a card action of type `url`. The payload's schema has already
 * checked the shape; this walks whatever it holds.
 */
export const mediaUrlIssues = (payload: unknown, path = 'payload'): FieldIssue[] => {
  if (Array.isArray(payload)) return payload.flatMap((item, i) => mediaUrlIssues(item, `${path}.${i}`))
  if (!isJsonObject(payload)) return []
  const issues: FieldIssue[] = []
  for (const [key, value] of Object.entries(payload)) {
    const at = `${path}.${key}`
    const isUrl = URL_FIELDS.has(key) || (key === 'value' && payload.action === 'url')
    if (isUrl && typeof value === 'string' && !MEDIA_URL.test(value)) issues.push(issueFor(at, value))
    else issues.push(...mediaUrlIssues(value, at))
  }
  return issues
}
