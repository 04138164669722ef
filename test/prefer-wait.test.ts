import { describe, expect, it } from 'vitest'
import { pollEveryMs, preferredWaitSeconds, WAIT_RULES } from '../src/inbound/request/prefer-wait'

describe('preferredWaitSeconds (RFC 7240)', () => {
  it.each([
    ['wait=5', 5],
    ['WAIT=5', 5],
    ['respond-async, wait=10', 10],
    ['wait=10; foo=bar', 10],
    ['wait="7"', 7],
    [' wait = 3 ', 3],
    ['return=minimal,wait=2', 2],
  ])('reads %j as %i seconds', (header, seconds) => {
    expect(preferredWaitSeconds(header)).toBe(seconds)
  })

  it('clamps to 1 second and to the maximum', () => {
    expect(preferredWaitSeconds('wait=0')).toBe(1)
    expect(preferredWaitSeconds('wait=3600')).toBe(WAIT_RULES.maxSeconds)
  })

  it.each([undefined, '', 'respond-async', 'wait', 'wait=soon', 'wait=-1', 'wait=1.5', 'waiting=5'])(
    'ignores %j',
    (header) => {
      expect(preferredWaitSeconds(header)).toBeUndefined()
    }
  )
})

describe('pollEveryMs', () => {
  it('reads every 3 s, then every 6 s once the bot has taken 12 s', () => {
    expect([250, 3_250, 11_999, 12_000, 24_000].map(pollEveryMs)).toEqual([3_000, 3_000, 3_000, 6_000, 6_000])
  })
})
