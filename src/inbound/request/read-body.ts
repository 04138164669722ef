import type { Request } from '@botpress/sdk'
import { HttpError } from '../../errors'
import { LIMITS } from '../../../definitions/limits'
import { invalidBody } from './field-issues'
import { nestsDeeperThan } from './json-depth'

const parse = (raw: string): unknown => {
  try {
    return JSON.parse(raw)
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : 'unparseable'
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON (${reason}).`)
  }
}

/** Checks the raw body's size, parses it as JSON and bounds its depth, before any field is looked at. */
export const readJsonBody = (req: Request): unknown => {
  const raw = req.body ?? ''
  const bytes = Buffer.byteLength(raw, 'utf8')
  if (bytes > LIMITS.bodyBytes) {
    throw new HttpError(413, 'body_too_large', `The body is ${bytes} bytes; the limit is ${LIMITS.bodyBytes} bytes.`)
  }
  if (raw.trim() === '') {
    throw new HttpError(400, 'invalid_json', 'The body is empty. Send a JSON object (Content-Type: application/json).')
  }
  const body = parse(raw)
  if (nestsDeeperThan(body, LIMITS.jsonDepth)) {
    const message = `The body nests objects and arrays deeper than ${LIMITS.jsonDepth} levels`
    throw invalidBody([{ path: '(body)', message }])
  }
  return body
}
