import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from '../src/inbound/request/json-depth'

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown

describe('nestsDeeperThan', () => {
  it('counts a top-level object or array as one level, a scalar as none', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false)
    expect(nestsDeeperThan({}, 0)).toBe(true)
    expect(nestsDeeperThan({ a: [1] }, 2)).toBe(false)
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true)
  })

  it('allows the limit and refuses one level more, down any branch', () => {
    expect(nestsDeeperThan(nested(32), 32)).toBe(false)
    expect(nestsDeeperThan(nested(33), 32)).toBe(true)
    expect(nestsDeeperThan({ flat: 1, deep: nested(32) }, 32)).toBe(true)
  })

  it('walks 100,000 levels without exhausting the call stack', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true)
  })
})
