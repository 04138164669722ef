import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BoundedCache } from '../src/bounded-cache'

describe('BoundedCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps at most max entries, dropping the least recently set first', () => {
    const cache = new BoundedCache<string, number>({ max: 3, ttlMs: 60_000 })
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i)
    expect(cache.size).toBe(3)
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key))).toEqual([undefined, 1, 2, 3])
  })

  it('counts a read as a use: the entry read survives the next eviction', () => {
    const cache = new BoundedCache<string, number>({ max: 2, ttlMs: 60_000 })
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true])
  })

  it('does not count has() as a use', () => {
    const cache = new BoundedCache<string, number>({ max: 2, ttlMs: 60_000 })
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.has('a')).toBe(true)
    cache.set('c', 3)
    expect([cache.has('a'), cache.has('b')]).toEqual([false, true])
  })

  it('setting a key again replaces its value without growing', () => {
    const cache = new BoundedCache<string, number>({ max: 2, ttlMs: 60_000 })
    cache.set('a', 1)
    cache.set('a', 2)
    expect([cache.get('a'), cache.size]).toEqual([2, 1])
  })

  it('forgets an entry ttlMs after it was set, reads or not', () => {
    const cache = new BoundedCache<string, number>({ max: 10, ttlMs: 1_000 })
    cache.set('a', 1)
    vi.advanceTimersByTime(999)
    expect(cache.get('a')).toBe(1)
    vi.advanceTimersByTime(1)
    expect([cache.get('a'), cache.has('a'), cache.size]).toEqual([undefined, false, 0])
  })

  it('gives a value set again a new ttl', () => {
    const cache = new BoundedCache<string, number>({ max: 10, ttlMs: 1_000 })
    cache.set('a', 1)
    vi.advanceTimersByTime(800)
    cache.set('a', 2)
    vi.advanceTimersByTime(800)
    expect(cache.get('a')).toBe(2)
  })

  it('keeps an entry until it is pushed out when no ttlMs is given', () => {
    const cache = new BoundedCache<string, number>({ max: 2 })
    cache.set('a', 1)
    vi.advanceTimersByTime(365 * 24 * 60 * 60_000)
    expect(cache.get('a')).toBe(1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, true, true])
  })
})
