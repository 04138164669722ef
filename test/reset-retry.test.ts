import { AxiosError } from 'axios'
import { describe, expect, it } from 'vitest'
import { RESET_RETRY } from '../src/botpress/reset-retry'

const reset = (method: string, url: string) => new AxiosError('socket hang up', 'ECONNRESET', { method, url } as never)

describe('retry of a call whose connection was closed without an answer', () => {
  it('retries the idempotent calls the webhook makes', () => {
    expect(RESET_RETRY.retryCondition(reset('post', '/v1/chat/initialize-incoming-message'))).toBe(true)
    expect(RESET_RETRY.retryCondition(reset('get', '/v1/chat/messages'))).toBe(true)
  })

  it('never retries createEvent, which could create a second event', () => {
    expect(RESET_RETRY.retryCondition(reset('post', '/v1/chat/events'))).toBe(false)
  })

  it('does not retry an answered call or a timeout', () => {
    const answered = new AxiosError('Bad Gateway', 'ERR_BAD_RESPONSE', { method: 'post', url: '/v1/chat/x' } as never)
    answered.response = { status: 502 } as never
    expect(RESET_RETRY.retryCondition(answered)).toBe(false)
    expect(RESET_RETRY.retryCondition(new AxiosError('timeout', 'ECONNABORTED', { method: 'get' } as never))).toBe(
      false
    )
  })
})
