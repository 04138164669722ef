import { createHash } from 'node:crypto'

/**
 * The first `length` base64url characters of a value's SHA-256: 6 bits each, so 8 characters are 48 bits.
 * Used where an id or a content is named in little room (a cursor, a tag of at most 500 characters).
 */
export const shortDigest = (value: string, length: number): string =>
  createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, length)
