/** A window is sized to hold about this many pages; one estimated to hold up to WINDOW_PAGES is paged through. */
const TARGET_PAGES = 2
export const WINDOW_PAGES = 4
/** Widths grow fourfold over quiet spells; a hint for the next read is kept to a century. */
const MAX_WIDTH_MS = 100 * 365 * 86_400_000

/**
 * Where a forward walk's next window of time goes, from what its listings showed of the history's pace: the
 * window planner of `ForwardWalk`, which makes no call. Forward, windows are sized by the density seen to hold
 * about TARGET_PAGES pages, and grow fourfold over an empty one; a window holding far more than the density
 * seen hides a burst, and the plan then searches back from its oldest message listed (the anchor) in steps
 * growing fourfold, halving the distance once a step passes `from`.
 */
export class WindowPlan {
  /** The oldest time the first listing reached: the walk is done once a window passes it. */
  public end = Infinity
  public anchor = Infinity
  /** Whether the anchor's millisecond alone is known to hold more than a page. */
  private anchorOverflows = false
  /** `forward` after a window that fitted; `search` for the oldest message left, from the anchor back. */
  private mode: 'forward' | 'search' = 'forward'
  public forwardMs = 1
  private backwardMs = 0
  /** The time the windows passed so far spanned, and the messages they held. */
  private readonly covered = { ms: 0, count: 0 }
  /** The most messages Botpress gave in one page so far. */
  public pageSize = 1

  /** The width of window that suited the history so far: a hint for the next read. */
  public get widthMs(): number {
    return Math.min(this.forwardMs, MAX_WIDTH_MS)
  }

  /** The latest time a window may end at: short of the anchor when the anchor's millisecond alone holds more than a page. */
  private get ceiling() {
    return this.anchorOverflows ? this.anchor - 1 : this.anchor
  }

  /**
   * Where the next window ends. Forward: a step from `from`, sized by the last window that fitted. Searching:
   * the anchor, then back from it in steps growing fourfold; halfway to it once a step passes `from`.
   */
  public nextEnd(from: number): number {
    if (this.mode === 'forward') return Math.min(from + this.forwardMs, this.ceiling)
    const back = this.ceiling - this.backwardMs
    return Math.max(from, back > from || this.backwardMs === 0 ? back : from + Math.floor((this.ceiling - from) / 2))
  }

  /**
   * The window the next read lists first, `[from, from + width]`: moving forward, a step at the pace (the next
   * read caps it short of what it knows to be crowded, as this one would); searching, up to the anchor.
   */
  public handOffWidth(from: number): number {
    return this.mode === 'forward' ? this.widthMs : Math.max(0, Math.min(this.anchor - from, MAX_WIDTH_MS))
  }

  /** A window's width to hold about TARGET_PAGES pages, at `count` messages per `widthMs`. */
  public widthFor(widthMs: number, count: number): number {
    return Math.max(1, Math.floor((widthMs * TARGET_PAGES * this.pageSize) / Math.max(1, count)))
  }

  /** A page of `size` messages came: the largest page seen sizes the windows. */
  public sawPage(size: number): void {
    this.pageSize = Math.max(this.pageSize, size)
  }

  /** Whether a window estimated to hold `estimate` messages is paged through (a call a page), not narrowed. */
  public pagesThrough(estimate: number): boolean {
    return estimate <= WINDOW_PAGES * this.pageSize
  }

  /** A window listed whole and passed: go forward, in windows of this width. */
  private goForward(widthMs: number): void {
    this.mode = 'forward'
    this.forwardMs = widthMs
  }

  /** The window `[from, x]` fitted in what was listed, with `count` messages: the next is sized by the pace. */
  public fitted(from: number, x: number, count: number): void {
    this.covered.ms += x - from + 1
    this.covered.count += count
    if (count > 0) {
      // Sized by the density over all the walk has passed, so quiet spells between bursts count too.
      const width = x - from + 1
      this.goForward(Math.min(4 * width, Math.max(width / 4, this.widthFor(this.covered.ms, this.covered.count))))
    } else if (this.mode === 'forward') this.forwardMs = Math.max(1, 4 * this.forwardMs)
    this.backwardMs = 0
  }

  /**
   * The window `[from, x]` held more than was listed (estimated `estimate` messages), the oldest listed at
   * `oldest`: narrowed forward, or, far denser than the pace seen, searched back from the anchor.
   */
  public overflowed(from: number, x: number, oldest: number, estimate: number): void {
    if (this.mode === 'forward' && estimate <= 4 * WINDOW_PAGES * this.pageSize) {
      this.forwardMs = this.widthFor(x - from + 1, estimate)
    } else {
      // Far more than the density seen: a burst somewhere in the window. Search for its start from the anchor.
      this.mode = 'search'
      this.backwardMs = this.backwardMs === 0 ? x - oldest + 1 : 4 * this.backwardMs
    }
    this.anchorOverflows = oldest === x
    this.anchor = Math.min(this.anchor, oldest)
  }

  /** The walk passed everything up to `toMs`: past the anchor, the search is over. */
  public passedUpTo(toMs: number): void {
    if (toMs >= this.anchor) {
      this.anchor = this.end
      this.anchorOverflows = false
    }
  }
}
