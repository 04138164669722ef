import { errorFrom } from '@botpress/client'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../src/errors'
import { fromBotpressError } from '../src/botpress/botpress-errors'

const apiError = (code: number, type: string) => errorFrom({ id: 'err_1', code, type, message: `${type} happened` })

describe('fromBotpressError', () => {
  it.each([
    [401, 'Unauthorized', 401, 'invalid_token'],
    [403, 'Forbidden', 401, 'invalid_token'],
    [404, 'ResourceNotFound', 404, 'not_found'],
    [400, 'InvalidPayload', 400, 'rejected_by_botpress'],
    [409, 'AlreadyExists', 409, 'rejected_by_botpress'],
    [413, 'PayloadTooLarge', 400, 'rejected_by_botpress'],
    [429, 'RateLimited', 429, 'rate_limited'],
    [500, 'Internal', 502, 'botpress_error'],
    [503, 'Unknown', 502, 'botpress_error'],
  ])('maps Botpress %i %s to %i %s', (code, type, status, errorCode) => {
    const mapped = fromBotpressError('creating the message', apiError(code, type))
    expect([mapped.status, mapped.code]).toEqual([status, errorCode])
  })

  it('tells where to create a personal access token when the token is rejected', () => {
    expect(fromBotpressError('x', apiError(401, 'Unauthorized')).message).toMatch(/Personal Access Tokens/)
  })

  it('names the failing step', () => {
    expect(fromBotpressError('finding or creating the user', apiError(500, 'Internal')).message).toContain(
      'while finding or creating the user'
    )
  })

  it('maps a network failure to 502 botpress_unreachable', () => {
    const mapped = fromBotpressError('creating the message', new Error('connect ECONNREFUSED'))
    expect([mapped.status, mapped.code]).toEqual([502, 'botpress_unreachable'])
  })

  it('passes our own errors through', () => {
    const own = new HttpError(409, 'message_id_conflict', 'x')
    expect(fromBotpressError('x', own)).toBe(own)
  })
})
