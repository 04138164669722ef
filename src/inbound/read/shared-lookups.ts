import { BoundedCache } from '../../bounded-cache'

/**
 * Lookups that concurrent reads on one instance share: the first asks Botpress, the others wait for its
 * answer (the pending lookup is kept, not only its answer). Only answers are shared, never a failure: a read
 * whose shared lookup failed (another caller's token may be the cause) asks again with its own client.
 * `keep` says which answers are kept after they come (an answer "not found" may change a second later).
 */
export class SharedLookups<V> {
  private readonly entries: BoundedCache<string, Promise<V>>

  public constructor(
    limits: { max: number; ttlMs?: number },
    private readonly keep: (answer: V) => boolean
  ) {
    this.entries = new BoundedCache(limits)
  }

  public async get(key: string, lookUp: () => Promise<V>): Promise<V> {
    const pending = this.entries.get(key)
    if (pending) {
      try {
        return await pending
      } catch {
        // Someone else's lookup failed: this read asks with its own client below.
      }
    }
    const mine = lookUp()
    this.entries.set(key, mine)
    try {
      const answer = await mine
      if (!this.keep(answer)) this.forget(key, mine)
      return answer
    } catch (thrown) {
      this.forget(key, mine)
      throw thrown
    }
  }

  private forget(key: string, entry: Promise<V>) {
    if (this.entries.get(key) === entry) this.entries.delete(key)
  }
}
