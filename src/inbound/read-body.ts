import type { Request } from '@botpress/sdk'
import { HttpError } from '../errors'
import { LIMITS } from '../../definitions/limits'

/** Checks the raw body's size and parses it as JSON. */
export const readJsonBody = (req: Request): unknown => {
  const raw = req.body ?? ''
  const bytes = Buffer.byteLength(raw, 'utf8')
  if (bytes > LIMITS.bodyBytes) {
    throw new HttpError(413, 'body_too_large', `The body is ${bytes} bytes; the limit is ${LIMITS.bodyBytes} bytes.`)
  }
  if (raw.trim() === '') {
    throw new HttpError(400, 'invalid_json', 'The body is empty. Send a JSON object (Content-Type: application/json).')
  }
  try {
    return JSON.parse(raw)
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : 'unparseable'
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON (${reason}).`)
  }
}
