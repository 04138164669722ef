/**
 * A map of at most `max` entries, each kept `ttlMs` after it was set (without `ttlMs`, until it is pushed out);
 * when full, the entry read or set least recently goes first. What a process keeps between requests (Botpress clients, bots on the fallback) lives in
 * one, so memory stays bounded however many bots and callers an instance serves.
 */
export class BoundedCache<K, V> {
  /** In order of use, least recent first: a Map iterates in insertion order. */
  private readonly entries = new Map<K, { value: V; expiresAt: number }>()

  public constructor(private readonly limits: { max: number; ttlMs?: number }) {}

  public get size(): number {
    return this.entries.size
  }

  /** The value, if set and not expired; reading it makes it the most recently used. */
  public get(key: K): V | undefined {
    const entry = this.fresh(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  public has(key: K): boolean {
    return this.fresh(key) !== undefined
  }

  public set(key: K, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, { value, expiresAt: performance.now() + (this.limits.ttlMs ?? Infinity) })
    if (this.entries.size > this.limits.max) {
      const leastRecent = this.entries.keys().next()
      if (!leastRecent.done) this.entries.delete(leastRecent.value)
    }
  }

  public delete(key: K): void {
    this.entries.delete(key)
  }

  private fresh(key: K) {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt <= performance.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }
}
