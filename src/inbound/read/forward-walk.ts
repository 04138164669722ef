import type { Client, Message } from '@botpress/client'
import { step } from '../../botpress/botpress-errors'
import type { CallCounter } from '../../botpress/call-count'
import type { Position } from './read-position'

export type MessageLister = Pick<Client, 'listMessages'>

/**
 * What a walk lists: one Botpress conversation, messages with these tags, or (neither) every message of the
 * bot; with `untilMs`, only those created up to then (the walk's history ends there).
 */
export type ListFilter = { conversationId?: string; tags?: Record<string, string>; untilMs?: number }

/** Pages listed newest first from the position before walking: a backlog this long costs a call a page. */
const NEWEST_PAGES = 2
/** A window is sized to hold about this many pages; one estimated to hold up to WINDOW_PAGES is paged through. */
const TARGET_PAGES = 2
const WINDOW_PAGES = 4
/** Widths grow fourfold over quiet spells; a hint for the next read is kept to a century. */
const MAX_WIDTH_MS = 100 * 365 * 86_400_000

type Listing = { newestFirst: Message[]; nextToken?: string }

const timeOf = (message: Message) => Date.parse(message.createdAt)
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Walks a conversation's messages (or, without one, every message of the bot) forward from a position, oldest
 * first, within the read's calls: `lister` is the read's counted client, and the walk makes a call only while
 * the counter says one is spendable (what the read reserved for its lookups is not).
 *
 * Botpress lists newest first, a page at a time, filtered by creation date (`afterDate` and `beforeDate`,
 * both inclusive). The first calls list from the position on: a short backlog ends there. Otherwise the walk
 * goes forward from the position in windows of time `[from, x]` sized by the density seen to hold a couple of
 * pages: a window that fits is passed whole, one estimated to hold a few pages is paged through, an empty one
 * moves `from` and grows the next fourfold (a quiet spell). A window holding far more than the density seen
 * hides a burst: the walk then searches back from its oldest message listed (the anchor) in steps growing
 * fourfold, halving the distance once a step passes `from`. Every call moves the walk or narrows its search,
 * and `position` says where it stands, so a read that runs out of calls hands the next one the walk where it
 * left it.
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
  private mode: 'forward' | 'search' = 'forward'
  private forwardMs = 1
  private backwardMs = 0
  /** The time the windows passed so far spanned, and the messages they held. */
  private readonly covered = { ms: 0, count: 0 }
  /** The most messages Botpress gave in one page so far. */
  private pageSize = 1
  private readonly passed = new Set<string>()

  public constructor(
    private readonly lister: MessageLister,
    private readonly filter: ListFilter,
    public position: Position,
    private readonly counter: CallCounter
  ) {
    this.widthHint = position.widthMs
    this.started = position
  }

  /** Where this read started: a read that passes nothing hands on a narrower hint than it was given. */
  private readonly started: Position

  /** The window width the last read handed on, if any. */
  private readonly widthHint: number | undefined

  public get done(): boolean {
    return this.finished
  }

  /** The next messages passed, oldest first; [] once done; undefined when the calls ran out first. */
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
    while (this.counter.spendable > 0) {
      const passed = await this.probe()
      if (passed === undefined) break
      if (passed.length || this.finished) return passed
    }
    // The next read starts with the window this one would have listed next (moving forward, the next step;
    // searching, up to the anchor), and walks on with windows of this one's width.
    const hint = this.mode === 'forward' ? this.nextEnd(this.position.fromMs) : this.anchor
    this.position = { ...this.position, ...this.narrowedIfStuck(hint, this.widthMs) }
    return undefined
  }

  /**
   * The hint to hand on. A read that passed nothing from the window it was hinted (newer crowded milliseconds
   * before the oldest, and lookups, took its calls) would hand the next read the same hint, and so on for
   * ever: it hands on half the window instead, down to one millisecond, which a read can always pass.
   */
  private narrowedIfStuck(anchorMs: number, widthMs: number): { anchorMs: number; widthMs: number } {
    const { fromMs, anchorMs: hinted, widthMs: hintedWidth } = this.started
    const stuck = this.position.fromMs === fromMs && hinted !== undefined && anchorMs >= hinted
    if (!stuck) return { anchorMs, widthMs }
    return {
      anchorMs: fromMs + Math.floor((hinted - fromMs) / 2),
      widthMs: Math.max(1, Math.floor((hintedWidth ?? widthMs) / 2)),
    }
  }

  /** The width of window that suited the history so far: a hint for the next read. */
  public get widthMs(): number {
    return Math.min(this.forwardMs, MAX_WIDTH_MS)
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
    // Handed a width by the last read, the walk knows the history's pace: one page shows whether it is short.
    const pages = this.widthHint === undefined ? NEWEST_PAGES : 1
    const listing = first.nextToken ? ((await this.listRest(first, from, undefined, pages - 1)) ?? first) : first
    const { newestFirst } = listing
    this.pageSize = first.newestFirst.length
    if (!listing.nextToken) {
      return this.passWindow(newestFirst, newestFirst[0] ? timeOf(newestFirst[0]) : from, true)
    }
    this.end = timeOf(newestFirst.at(-1)!)
    this.tail = newestFirst.filter((m) => timeOf(m) > this.end)
    this.forwardMs = this.widthHint ?? this.widthFor(timeOf(newestFirst[0]!) - this.end + 1, newestFirst.length)
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
      this.forwardMs = this.widthHint ?? Math.max(1, anchorMs - from + 1)
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

  /** A window's width to hold about TARGET_PAGES pages, at `count` messages per `widthMs`. */
  private widthFor(widthMs: number, count: number): number {
    return Math.max(1, Math.floor((widthMs * TARGET_PAGES * this.pageSize) / Math.max(1, count)))
  }

  /**
   * One window `[from, x]`: passes it, moves `from`, or moves the anchor. A window that holds more than a page
   * is paged through when it is estimated to hold at most WINDOW_PAGES (a call a page is as cheap as it gets);
   * otherwise it is narrowed. Undefined when out of calls.
   */
  private async probe(): Promise<Message[] | undefined> {
    const from = this.position.fromMs
    const x = this.nextEnd(from)
    let listing = await this.listWindow(from, x)
    if (!listing) return undefined
    this.pageSize = Math.max(this.pageSize, listing.newestFirst.length)
    let estimate = 0
    if (listing.nextToken) {
      const listedMs = x - timeOf(listing.newestFirst.at(-1)!) + 1
      estimate = (listing.newestFirst.length * (x - from + 1)) / listedMs
      if (estimate <= WINDOW_PAGES * this.pageSize) {
        listing = await this.listRest(listing, from, x, WINDOW_PAGES - 1)
        if (!listing) return undefined
      }
    }
    const count = listing.newestFirst.length
    if (!listing.nextToken) {
      this.covered.ms += x - from + 1
      this.covered.count += count
      if (count > 0) {
        // Sized by the density over all the walk has passed, so quiet spells between bursts count too.
        const width = x - from + 1
        this.forwardMs = Math.min(4 * width, Math.max(width / 4, this.widthFor(this.covered.ms, this.covered.count)))
        this.mode = 'forward'
      } else if (this.mode === 'forward') this.forwardMs *= 4
      this.backwardMs = 0
      return this.passWindow(listing.newestFirst, x, false)
    }
    const oldest = timeOf(listing.newestFirst.at(-1)!)
    if (this.mode === 'forward' && estimate <= 4 * WINDOW_PAGES * this.pageSize) {
      this.forwardMs = this.widthFor(x - from + 1, estimate)
    } else {
      // Far more than the density seen: a burst somewhere in the window. Search for its start from the anchor.
      this.mode = 'search'
      this.backwardMs = this.backwardMs === 0 ? x - oldest + 1 : 4 * this.backwardMs
    }
    this.anchorOverflows = oldest === x
    this.anchor = Math.min(this.anchor, oldest)
    return []
  }

  /**
   * The rest of a listing, page after page, up to the last message passed (what follows it is passed too),
   * de-duplicated. Pages go by time, not by page token: each lists up to the oldest millisecond listed so
   * far, so a message deleted or written meanwhile shifts nothing (Botpress's tokens may be offsets). Only
   * when a whole page shares one millisecond does the token of that page go on.
   */
  private async listRest(
    first: Listing,
    from: number,
    to: number | undefined,
    maxPages = Infinity
  ): Promise<Listing | undefined> {
    const seen = new Set(first.newestFirst.map((m) => m.id))
    const newestFirst = [...first.newestFirst]
    /** The window of the last call, and its token. */
    let last = { to, nextToken: first.nextToken }
    for (let pages = 0; last.nextToken && pages < maxPages && !seen.has(this.position.last?.id ?? ''); pages++) {
      const oldest = timeOf(newestFirst.at(-1)!)
      const byTime = last.to === undefined || oldest < last.to
      const page = byTime ? await this.list(from, oldest) : await this.list(from, last.to, last.nextToken)
      if (!page) return undefined
      newestFirst.push(...page.newestFirst.filter((m) => !seen.has(m.id)))
      page.newestFirst.forEach((m) => seen.add(m.id))
      last = { to: byTime ? oldest : last.to, nextToken: page.nextToken }
    }
    // Past the last message passed, the rest is passed too: nothing more to read.
    const more = last.nextToken && !seen.has(this.position.last?.id ?? '')
    return { newestFirst, ...(more ? { nextToken: last.nextToken } : {}) }
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
      if (this.counter.spendable <= 0) return undefined
      const { untilMs, ...filter } = this.filter
      const to = Math.min(toMs ?? Infinity, untilMs ?? Infinity)
      const range = { afterDate: iso(fromMs), ...(to === Infinity ? {} : { beforeDate: iso(to) }) }
      const page = await step('reading the messages', () =>
        this.lister.listMessages({
          ...filter,
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
