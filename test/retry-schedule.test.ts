import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../src/outbound/delivery-settings'
import { backoffMs, delayMs, fitsBudget, isRetryable } from '../src/outbound/retry-schedule'

const answered = (status: number, headers: Record<string, string> = {}) =>
  new AxiosError('x', 'ERR', undefined, undefined, {
    status,
    headers: new AxiosHeaders(headers),
  } as unknown as AxiosResponse)
const noAnswer = (code: string) => new AxiosError('x', code)

describe('retry schedule', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryable(answered(status))).toBe(true)
  })

  it.each([301, 400, 401, 403, 404, 409, 410, 413, 422])('does not retry HTTP %i', (status) => {
    expect(isRetryable(answered(status))).toBe(false)
  })

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT'])('retries %s (no answer)', (code) => {
    expect(isRetryable(noAnswer(code))).toBe(true)
  })

  it('backs off exponentially from 500 ms, capped at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, DEFAULT_POLICY))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
  })

  it('jitters between half and all of the backoff', () => {
    const error = answered(500)
    expect(delayMs(3, error, DEFAULT_POLICY, () => 0)).toBe(1000)
    expect(delayMs(3, error, DEFAULT_POLICY, () => 1)).toBe(2000)
  })

  it('waits at least Retry-After, in seconds or as a date', () => {
    expect(delayMs(1, answered(429, { 'retry-after': '3' }), DEFAULT_POLICY, () => 0)).toBe(3000)
    const date = new Date(Date.now() + 5_000).toUTCString()
    expect(delayMs(1, answered(503, { 'retry-after': date }), DEFAULT_POLICY, () => 0)).toBeGreaterThan(3_500)
  })

  it('retries only when the wait and a minimal attempt fit in the budget', () => {
    expect(fitsBudget(1, answered(500), DEFAULT_POLICY, 0)).toBe(true)
    expect(fitsBudget(1, answered(500), DEFAULT_POLICY, 23_800)).toBe(false)
    expect(fitsBudget(1, answered(429, { 'retry-after': '30' }), DEFAULT_POLICY, 0)).toBe(false)
  })
})
