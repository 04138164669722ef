import type { LogEntry, NewLogEntry } from './entries'

type Listener = (entry: LogEntry) => void

/** The last `capacity` entries in order, numbered, and told to every subscriber as they come. */
export class ActivityLog {
  private entries: LogEntry[] = []
  private lastSeq = 0
  private readonly listeners = new Set<Listener>()

  public constructor(private readonly capacity = 500) {}

  public add(entry: NewLogEntry): LogEntry {
    const stored = { ...entry, seq: ++this.lastSeq } as LogEntry
    this.entries.push(stored)
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity)
    for (const listener of this.listeners) listener(stored)
    return stored
  }

  public snapshot(): LogEntry[] {
    return [...this.entries]
  }

  /** Returns the function that unsubscribes. */
  public subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
