import { describe, expect, it } from 'vitest'
import { HttpError } from '../src/errors'
import { readBearerToken } from '../src/inbound/request/authorization'

const codeOf = (headers: Record<string, string | undefined>) => {
  try {
    readBearerToken(headers)
    return 'accepted'
  } catch (thrown) {
    return thrown instanceof HttpError ? `${thrown.status} ${thrown.code}` : 'crashed'
  }
}

describe('readBearerToken', () => {
  it.each(['bearer abc', 'Bearer abc', 'BEARER abc', 'bearer   abc  '])('reads %j', (value) => {
    expect(readBearerToken({ authorization: value })).toBe('abc')
  })

  it('answers 401 missing_authorization without the header', () => {
    expect(codeOf({})).toBe('401 missing_authorization')
    expect(codeOf({ authorization: '' })).toBe('401 missing_authorization')
  })

  it.each(['abc', 'Basic dXNlcjpwYXNz', 'bearer', 'bearer ', 'bearer a b', 'Token abc'])(
    'answers 401 malformed_authorization for %j',
    (value) => {
      expect(codeOf({ authorization: value })).toBe('401 malformed_authorization')
    }
  )

  it('names the header and never echoes the value', () => {
    try {
      readBearerToken({ authorization: 'Basic secret-value' })
    } catch (thrown) {
      expect((thrown as Error).message).toContain('Authorization')
      expect((thrown as Error).message).not.toContain('secret-value')
    }
  })
})
