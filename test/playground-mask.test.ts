import { describe, expect, it } from 'vitest'
import { maskAuthorization, maskHeaders, maskSecret } from '../dev/playground/mask'

describe('playground masking', () => {
  it('keeps four characters at each end of a secret', () => {
    expect(maskSecret('local-personal-access-token')).toBe('loca…oken')
  })

  it('hides a short secret entirely', () => {
    expect(maskSecret('short')).toBe('…')
  })

  it('keeps the scheme of an Authorization header readable', () => {
    expect(maskAuthorization('bearer local-personal-access-token')).toBe('bearer loca…oken')
    expect(maskAuthorization('Bearer   bp_pat_0123456789abcdef')).toBe('Bearer bp_p…cdef')
  })

  it('masks a header without a scheme as one secret', () => {
    expect(maskAuthorization('local-personal-access-token')).toBe('loca…oken')
  })

  it('masks credentials in any case and leaves other headers alone', () => {
    const masked = maskHeaders({
      Authorization: 'bearer local-personal-access-token',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
    })
    expect(masked).toEqual({
      Authorization: 'bearer loca…oken',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
    })
    expect(JSON.stringify(masked)).not.toContain('personal-access')
  })
})
