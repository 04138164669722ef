import { HttpError } from '../../errors'

const BEARER = /^bearer[ \t]+([^\s]+)[ \t]*$/i

/** Reads the personal access token from `Authorization: bearer <token>` (scheme case-insensitive). */
export const readBearerToken = (headers: Record<string, string | undefined>): string => {
  const header = headers['authorization']
  if (!header) {
    throw new HttpError(
      401,
      'missing_authorization',
      'The Authorization header is missing. Send "Authorization: bearer <personal access token>".',
      undefined,
      { 'www-authenticate': 'Bearer' }
    )
  }
  const token = BEARER.exec(header)?.[1]
  if (!token) {
    throw new HttpError(
      401,
      'malformed_authorization',
      'The Authorization header is malformed. Its value must be "bearer " followed by a personal access token.',
      undefined,
      { 'www-authenticate': 'Bearer' }
    )
  }
  return token
}
