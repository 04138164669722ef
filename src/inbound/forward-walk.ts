import type { Client, Message } from '@botpress/client'
import { step } from './botpress-errors'
import type { Position } from './read-position'

export type MessageLister = Pick<Client, 'listMessages'>

/**
 * The Botpress calls a read may still make: the walk never makes one more, and leaves `reserved` of them to
 * the read (the feed's lookups of whose conversation a message is in).
 */
export type CallBudget = { left: number; reserved?: number }

/** The calls the walk itself may still make. */
const spendable = (budget: CallBudget) => budget.left - (budget.reserved ?? 0)

/** Pages listed newest first from the position before searching: a backlog this long costs a call a page. */
const NEWEST_PAGES = 3

type Listing = { newestFirst: Message[]; nextToken?: string }

const timeOf = (message: Message) => Date.parse(message.createdAt)
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Walks a conversation's messages (or, without one, every message of the bot) forward from a position, oldest
 * first, within a budget of Botpress calls.
 *
 * Botpress lists newest first, a page at a time, filtered by creation date (`afterDate` and `beforeDate`,
 * both inclusive). The first call lists from the position on: a short backlog ends there. Otherwise the
 * oldest message not passed yet lies somewhere between the position and the oldest message of that page
 * (the anchor). The walk finds it by listing `[from, x]` for a time `x` chosen alternately from each side:
 * forward from `from` in steps that grow fourfold while they come back empty (a quiet spell), and back from
 * the anchor in steps that grow fourfold while they hold more than a page (a burst). A window that fits in
 * a page is passed whole; an empty one moves `from`; one that holds more moves the anchor to its oldest
 * message. Every call moves the walk or narrows its search, and `position` says where it stands, so a read
 * that runs out of calls hands the next one the search where it left it.
 *
 * Consecutive windows share their boundary millisecond (both bounds are inclusive), so a message is never
 * skipped if Botpress keeps finer times than milliseconds; what is listed twice is passed once, by id.
 */
export class ForwardWalk {
  private finished = false
  private probedNewest = false
  private probedHint = false
  /** The newest page of the first call, strictly newer than `end`: listed whole, passed once the walk reaches it. */
  private tail: Message[] = []
  private end = Infinity
  private anchor = Infinity
  /** Whether the anchor's millisecond alone is known to hold more than a page. */
  private anchorOverflows = false
  /** `forward` after a window that fitted; `search` for the oldest message left, from the anchor back. */
  private mode: 'forward' | 'search' = 'search'
  private forwardMs = 1
  private backwardMs = 0
  /** The most messages Botpress gave in one page so far. */
  private pageSize = 1
  private readonly passed = new Set<string>()

  public constructor(
    private readonly lister: MessageLister,
    /** The Botpress conversation listed; undefined lists every conversation of the bot. */
    private readonly conversationId: string | undefined,
    public position: Position,
    private readonly budget: CallBudget
  ) {}

  public get done(): boolean {
    return this.finished
  }

  /** The next messages passed, oldest first; [] once done; undefined when the budget ran out first. */
  public async next(): Promise<Message[] | undefined> {
    if (this.finished) return []
    if (!this.probedHint && this.position.anchorMs !== undefined) {
      const hinted = await this.probeHint(this.position.anchorMs)
      if (hinted === undefined) return undefined
      if (hinted.length) return hinted
    }
    if (!this.probedNewest) {
      const newest = await this.probeNewest()
      if (newest) return newest
      if (!this.probedNewest) return undefined
    }
    while (spendable(this.budget) > 0) {
      const passed = await this.probe()
      if (passed === undefined) break
      if (passed.length || this.finished) return passed
    }
    // The next read starts with the window this one would have listed next: moving forward, the next step;
    // searching, up to the anchor.
    const hint = this.mode === 'forward' ? this.nextEnd(this.position.fromMs) : this.anchor
    this.position = { ...this.position, anchorMs: hint }
    return undefined
  }

  /**
   * Lists from the position on, newest first, up to NEWEST_PAGES pages: a short backlog ends there. Otherwise
   * what was listed becomes the tail, and the anchor the oldest time listed.
   */
  private async probeNewest(): Promise<Message[] | undefined> {
    const from = this.position.fromMs
    const first = await this.list(from)
    if (!first) return undefined
    this.probedNewest = true
    const listing = first.nextToken ? ((await this.listRest(first, from, undefined, NEWEST_PAGES - 1)) ?? first) : first
    const { newestFirst } = listing
    this.pageSize = first.newestFirst.length
    if (!listing.nextToken) {
      return this.passWindow(newestFirst, newestFirst[0] ? timeOf(newestFirst[0]) : from, true)
    }
    this.end = timeOf(newestFirst.at(-1)!)
    this.tail = newestFirst.filter((m) => timeOf(m) > this.end)
    const hint = this.position.anchorMs
    this.anchor = hint !== undefined && hint >= from && hint < this.end ? hint : this.end
    return undefined
  }

  /** The latest time a window may end at: short of the anchor when the anchor's millisecond alone holds more than a page. */
  private get ceiling() {
    return this.anchorOverflows ? this.anchor - 1 : this.anchor
  }

  /**
   * Where the next window ends. Forward: a step from `from`, sized by the last window that fitted. Searching:
   * the anchor, then back from it in steps growing fourfold; halfway to it once a step passes `from`.
   */
  private nextEnd(from: number): number {
    if (this.mode === 'forward') return Math.min(from + this.forwardMs, this.ceiling)
    const back = this.ceiling - this.backwardMs
    return Math.max(from, back > from || this.backwardMs === 0 ? back : from + Math.floor((this.ceiling - from) / 2))
  }

  /**
   * A read handed a cursor with an anchor lists up to the anchor first: where the last read ran out of calls,
   * the next step of its walk forward, or a millisecond holding many pages, which this read then has nearly all
   * its calls for. A step that fits is passed, and the walk goes on forward in steps of its size.
   */
  private async probeHint(anchorMs: number): Promise<Message[] | undefined> {
    this.probedHint = true
    const from = this.position.fromMs
    const listing = await this.listWindow(from, anchorMs)
    if (!listing) return undefined
    if (listing.nextToken) return []
    if (listing.newestFirst.length) {
      this.mode = 'forward'
      this.forwardMs = Math.max(1, anchorMs - from + 1)
    }
    return this.passWindow(listing.newestFirst, anchorMs, false)
  }

  /** One page of `[from, x]`, or all of it when no narrower window could hold less. Undefined when out of calls. */
  private async listWindow(from: number, x: number): Promise<Listing | undefined> {
    const listing = await this.list(from, x)
    if (!listing?.nextToken) return listing
    if (listing.newestFirst.some((m) => m.id === this.position.last?.id)) {
      // What the page leaves out is listed after the last message passed: passed already.
      return { newestFirst: listing.newestFirst }
    }
    if (timeOf(listing.newestFirst.at(-1)!) - from > 1) return listing
    // What the page leaves out shares its oldest millisecond or `from`'s: no narrower window holds less.
    const rest = await this.listRest(listing, from, x)
    if (!rest) this.anchor = Math.min(this.anchor, x)
    return rest
  }

  /** One window `[from, x]`: passes it, moves `from`, or moves the anchor. Undefined when out of calls. */
  private async probe(): Promise<Message[] | undefined> {
    const from = this.position.fromMs
    const x = this.nextEnd(from)
    const listing = await this.listWindow(from, x)
    if (!listing) return undefined
    const count = listing.newestFirst.length
    this.pageSize = Math.max(this.pageSize, count)
    if (!listing.nextToken) {
      if (count > 0) {
        // Sized for about half a page at the density just seen, at most four times wider or narrower.
        const scale = Math.min(4, Math.max(1 / 4, this.pageSize / 2 / count))
        this.forwardMs = Math.max(1, Math.floor((x - from + 1) * scale))
        this.mode = 'forward'
      } else if (this.mode === 'forward') this.forwardMs *= 4
      this.backwardMs = 0
      return this.passWindow(listing.newestFirst, x, false)
    }
    const oldest = timeOf(listing.newestFirst.at(-1)!)
    if (this.mode === 'forward') this.forwardMs = Math.max(1, Math.floor((x - from) / 4))
    else this.backwardMs = this.backwardMs === 0 ? x - oldest + 1 : 4 * this.backwardMs
    this.anchorOverflows = oldest === x
    this.anchor = Math.min(this.anchor, oldest)
    return []
  }

  /**
   * The rest of a listing, page after page, up to the last message passed (what follows it is passed too),
   * de-duplicated (pages may shift while new messages are written).
   */
  private async listRest(
    first: Listing,
    from: number,
    to: number | undefined,
    maxPages = Infinity
  ): Promise<Listing | undefined> {
    const seen = new Set(first.newestFirst.map((m) => m.id))
    const newestFirst = [...first.newestFirst]
    let nextToken = first.nextToken
    for (let pages = 0; nextToken && pages < maxPages && !seen.has(this.position.last?.id ?? ''); pages++) {
      const page = await this.list(from, to, nextToken)
      if (!page) return undefined
      newestFirst.push(...page.newestFirst.filter((m) => !seen.has(m.id)))
      page.newestFirst.forEach((m) => seen.add(m.id))
      nextToken = page.nextToken
    }
    // Past the last message passed, the rest is passed too: nothing more to read.
    const more = nextToken && !seen.has(this.position.last?.id ?? '')
    return { newestFirst, ...(more ? { nextToken } : {}) }
  }

  /** Passes a window listed whole up to `toMs`; at the end of the search, the newest page follows it. */
  private passWindow(newestFirst: Message[], toMs: number, reachesNewest: boolean): Message[] {
    const passed = this.unpassed(newestFirst)
    this.advance(passed, toMs)
    if (reachesNewest || toMs >= this.end) {
      const tail = this.unpassed(this.tail)
      this.advance(tail, tail.length ? timeOf(tail.at(-1)!) : this.position.fromMs)
      this.finished = true
      return [...passed, ...tail]
    }
    if (toMs >= this.anchor) {
      this.anchor = this.end
      this.anchorOverflows = false
    }
    return passed
  }

  private advance(passed: Message[], toMs: number) {
    passed.forEach((m) => this.passed.add(m.id))
    const newest = passed.at(-1)
    const last = newest ? { id: newest.id, ms: timeOf(newest) } : this.position.last
    this.position = { ...(last ? { last } : {}), fromMs: Math.max(toMs, this.position.fromMs) }
  }

  /**
   * What a listing holds that is not passed yet, oldest first. At `from`'s millisecond, when the last message
   * passed was created then, only what Botpress lists newer than it; were it not listed (deleted), all of that
   * millisecond, so that at worst a message comes twice rather than never.
   */
  private unpassed(newestFirst: Message[]): Message[] {
    const { last, fromMs } = this.position
    const lastIndex = last && last.ms === fromMs ? newestFirst.findIndex((m) => m.id === last.id) : -1
    return newestFirst
      .filter((message, index) => {
        const time = timeOf(message)
        if (time < fromMs || this.passed.has(message.id) || message.id === last?.id) return false
        return time > fromMs || lastIndex === -1 || index < lastIndex
      })
      .reverse()
  }

  /** One page of `[fromMs, toMs]` (open-ended without `toMs`), newest first; undefined when out of calls. */
  private async list(fromMs: number, toMs?: number, nextToken?: string): Promise<Listing | undefined> {
    let token = nextToken
    for (;;) {
      if (spendable(this.budget) <= 0) return undefined
      this.budget.left--
      const range = { afterDate: iso(fromMs), ...(toMs === undefined ? {} : { beforeDate: iso(toMs) }) }
      const page = await step('reading the messages', () =>
        this.lister.listMessages({
          ...(this.conversationId === undefined ? {} : { conversationId: this.conversationId }),
          ...range,
          nextToken: token,
        })
      )
      token = page.meta.nextToken
      // An empty page that still has a token says nothing: read on.
      if (page.messages.length || !token) return { newestFirst: page.messages, ...(token ? { nextToken: token } : {}) }
    }
  }
}
