import type { Client, Message } from '@botpress/client'
import { step } from './botpress-errors'
import type { CallCounter } from './call-count'
import { WINDOW_PAGES, WindowPlan } from './window-plan'

export type MessageLister = Pick<Client, 'listMessages'>

/**
 * Where a walk stands: everything created before `fromMs` is passed, and at `fromMs` itself, when `last` was
 * created then, what Botpress lists no newer than `last`. `widthMs`: the walk's hint to the next one, the
 * width of the window it lists first, `[fromMs, fromMs + widthMs]` (without it, the next walk sizes its
 * windows by the pace of the newest pages).
 */
export type WalkPosition = { fromMs: number; last?: { id: string; ms: number }; widthMs?: number }

/** Just after a message: everything up to it, in Botpress's order, is passed. */
export const positionAfterMessage = (message: Message): WalkPosition => {
  const ms = Date.parse(message.createdAt)
  return { fromMs: ms, last: { id: message.id, ms } }
}

/**
 * What a walk lists: one Botpress conversation, messages with these tags, or (neither) every message of the
 * bot; with `untilMs`, only those created up to then (the walk's history ends there).
 */
export type ListFilter = { conversationId?: string; tags?: Record<string, string>; untilMs?: number }

/** Pages listed newest first from the position before walking: a backlog this long costs a call a page. */
const NEWEST_PAGES = 2

/**
 * `newestPages`: pages listed newest first before walking (a walk that wants all of a short span lists it
 * whole); `doing`: what a Botpress failure says the walk was doing.
 */
export type WalkOptions = { newestPages?: number; doing?: string }

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
 * fourfold, halving the distance once a step passes `from` (where each window goes is `WindowPlan`'s, which
 * makes no call; the walk lists and passes). Every call moves the walk or narrows its search, and `position`
 * says where it stands. A read that runs out of calls hands the next one the walk where it left it, with one
 * hint (`position.widthMs`): the width of the window it lists first, the walk's pace moving forward, or up
 * to the anchor searching. The next read lists one page of the newest (a short backlog ends there), then
 * starts with that window.
 *
 * Consecutive windows share their boundary millisecond (both bounds are inclusive), so a message is never
 * skipped if Botpress keeps finer times than milliseconds; what is listed twice is passed once, by id.
 */
export class ForwardWalk {
  private finished = false
  private probedNewest = false
  /** The newest page of the first call, strictly newer than `plan.end`: listed whole, passed once the walk reaches it. */
  private tail: Message[] = []
  /** Where the windows go: what the walk learns of the history's pace decides the next one. */
  private readonly plan = new WindowPlan()
  private readonly passed = new Set<string>()

  public constructor(
    private readonly lister: MessageLister,
    private readonly filter: ListFilter,
    public position: WalkPosition,
    private readonly counter: CallCounter,
    private readonly options: WalkOptions = {}
  ) {
    this.started = position
  }

  /** Where this read started, and the width of the first window it was handed, if any. */
  private readonly started: WalkPosition

  public get done(): boolean {
    return this.finished
  }

  /** The next messages passed, oldest first; [] once done; undefined when the calls ran out first. */
  public async next(): Promise<Message[] | undefined> {
    if (this.finished) return []
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
    // The next read starts with a window at this one's pace (moving forward) or up to its anchor (searching).
    this.position = { ...this.position, widthMs: this.narrowedIfStuck(this.plan.handOffWidth(this.position.fromMs)) }
    return undefined
  }

  /**
   * The width to hand on. A read that passed nothing from the window it was handed (newer crowded milliseconds
   * before the oldest, and lookups, took its calls) would hand the next read the same window, and so on for
   * ever: it hands on half of it instead, down to `fromMs`'s millisecond alone (a width of 0), which a read can
   * always pass while no millisecond holds more than CROWD_PAGES pages.
   */
  private narrowedIfStuck(widthMs: number): number {
    const { fromMs, widthMs: handed } = this.started
    const stuck = this.position.fromMs === fromMs && handed !== undefined && widthMs >= handed
    return stuck ? Math.floor(handed / 2) : widthMs
  }

  /** The width of window that suited the history so far: what a read that stops at its limit hands on. */
  public get widthMs(): number {
    return this.plan.widthMs
  }

  /**
   * Lists from the position on, newest first, up to NEWEST_PAGES pages (or `newestPages`): a short backlog ends there. Otherwise
   * what was listed becomes the tail, and the anchor the oldest time listed.
   */
  private async probeNewest(): Promise<Message[] | undefined> {
    const from = this.position.fromMs
    const first = await this.list(from)
    if (!first) return undefined
    this.probedNewest = true
    // Handed a window by the last read, the walk knows the history's pace: one page shows whether it is short.
    const handed = this.started.widthMs
    const pages = handed === undefined ? (this.options.newestPages ?? NEWEST_PAGES) : 1
    const listing = first.nextToken ? ((await this.listRest(first, from, undefined, pages - 1)) ?? first) : first
    const { newestFirst } = listing
    this.plan.pageSize = first.newestFirst.length
    if (!listing.nextToken) {
      return this.passWindow(newestFirst, newestFirst[0] ? timeOf(newestFirst[0]) : from, true)
    }
    const plan = this.plan
    plan.end = timeOf(newestFirst.at(-1)!)
    this.tail = newestFirst.filter((m) => timeOf(m) > plan.end)
    // The first window is the one handed on, if any, or one sized by the newest pages' pace.
    plan.forwardMs = handed ?? plan.widthFor(timeOf(newestFirst[0]!) - plan.end + 1, newestFirst.length)
    plan.anchor = plan.end
    return undefined
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
    if (!rest) this.plan.anchor = Math.min(this.plan.anchor, x)
    return rest
  }

  /**
   * One window `[from, x]`: passes it, moves `from`, or moves the anchor. A window that holds more than a page
   * is paged through when it is estimated to hold at most WINDOW_PAGES (a call a page is as cheap as it gets);
   * otherwise it is narrowed. Undefined when out of calls.
   */
  private async probe(): Promise<Message[] | undefined> {
    const from = this.position.fromMs
    const x = this.plan.nextEnd(from)
    let listing = await this.listWindow(from, x)
    if (!listing) return undefined
    this.plan.sawPage(listing.newestFirst.length)
    let estimate = 0
    if (listing.nextToken) {
      const listedMs = x - timeOf(listing.newestFirst.at(-1)!) + 1
      estimate = (listing.newestFirst.length * (x - from + 1)) / listedMs
      if (this.plan.pagesThrough(estimate)) {
        listing = await this.listRest(listing, from, x, WINDOW_PAGES - 1)
        if (!listing) return undefined
      }
    }
    if (!listing.nextToken) {
      this.plan.fitted(from, x, listing.newestFirst.length)
      return this.passWindow(listing.newestFirst, x, false)
    }
    this.plan.overflowed(from, x, timeOf(listing.newestFirst.at(-1)!), estimate)
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
    /** The window of the last call, and its token; an open-ended one reaches no further than its newest message. */
    let last = { to, nextToken: first.nextToken }
    const newestMs = timeOf(first.newestFirst[0]!)
    for (let pages = 0; last.nextToken && pages < maxPages && !seen.has(this.position.last?.id ?? ''); pages++) {
      const oldest = timeOf(newestFirst.at(-1)!)
      const byTime = oldest < (last.to ?? newestMs)
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
    if (reachesNewest || toMs >= this.plan.end) {
      const tail = this.unpassed(this.tail)
      this.advance(tail, tail.length ? timeOf(tail.at(-1)!) : this.position.fromMs)
      this.finished = true
      return [...passed, ...tail]
    }
    this.plan.passedUpTo(toMs)
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
      const page = await step(this.options.doing ?? 'reading the messages', () =>
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
