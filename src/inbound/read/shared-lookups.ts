import { BoundedCache } from '../../bounded-cache'

/**
 * Lookups that concurrent reads on one instance share: the first asks Botpress, the others wait for its
 * answer (the pending lookup is kept, not only its answer). Only answers that `keep` accepts are shared and
 * kept: a failure or an answer such as "not found" may come of another caller's token (and may change a
 * second later), so a read that met one asks again with its own client.
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
      // Someone else's answer, when it is one to keep. A failure, or an answer such as "not found", may come
      // of the other caller's token: this read then asks with its own client.
      const answer = await pending.catch(() => undefined)
      if (answer !== undefined && this.keep(answer)) return answer
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
