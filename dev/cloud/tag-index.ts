import type { Tags } from './model'

/** Finds records whose tags include every given tag, without scanning every record. */
export class TagIndex<T extends { id: string; tags: Tags }> {
  private readonly byTag = new Map<string, Set<string>>()

  public constructor(private readonly records: Map<string, T>) {}

  public add(record: T): void {
    for (const key of tagKeys(record.tags)) {
      let ids = this.byTag.get(key)
      if (!ids) {
        ids = new Set()
        this.byTag.set(key, ids)
      }
      ids.add(record.id)
    }
  }

  public remove(record: T): void {
    for (const key of tagKeys(record.tags)) {
      this.byTag.get(key)?.delete(record.id)
    }
  }

  /** Records matching all `tags` (and `filter`), oldest first. Without tags, every record. */
  public find(tags: Tags, filter: (record: T) => boolean = () => true): T[] {
    const [first] = tagKeys(tags)
    const candidates = first === undefined ? [...this.records.keys()] : [...(this.byTag.get(first) ?? [])]
    return candidates
      .map((id) => this.records.get(id))
      .filter((record): record is T => !!record && matches(record.tags, tags) && filter(record))
  }
}

const tagKeys = (tags: Tags) => Object.entries(tags).map(([name, value]) => `${name}\u0000${value}`)

const matches = (have: Tags, want: Tags) => Object.entries(want).every(([name, value]) => have[name] === value)
