import type { Client, Message } from '@botpress/client'
import { step } from './botpress-errors'

export type MessageLister = Pick<Client, 'listMessages'>

/** One stretch of the conversation, oldest first; `last` for the one that ends with its newest message. */
export type Window = { messages: Message[]; last: boolean; calls: number }

/**
 * Listing newest first: at least `min` pages; more while the pages left down to the start, estimated from
 * the density listed so far, are at most `enough` (paging on is then cheaper than walking forward); at most `max`.
 */
const NEWEST_PAGES = { min: 5, enough: 15, max: 25 }
/** A window of the forward walk is sized to hold about `target` pages; one holding more than `max` is narrowed. */
const WINDOW_PAGES = { target: 3, max: 6 }
/** How much a window may grow or shrink from the one before. */
const MAX_RESIZE = 4

type Range = { afterDate: string; beforeDate?: string }

const time = (message: Message) => Date.parse(message.createdAt)
const iso = (ms: number) => new Date(ms).toISOString()
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** Up to `maxPages` pages of a range, newest first, from `nextToken`; the token of the page after, if any. */
const listRange = async (
  client: MessageLister,
  conversationId: string,
  range: Range,
  maxPages: number,
  nextToken?: string
) => {
  const messages: Message[] = []
  let calls = 0
  do {
    const page = await step('reading the messages', () => client.listMessages({ conversationId, ...range, nextToken }))
    calls++
    messages.push(...page.messages)
    nextToken = page.meta.nextToken
  } while (nextToken && calls < maxPages)
  return { messages, calls, nextToken }
}

/** Messages per millisecond over a newest-first list. */
const density = (newestFirst: Message[]) => newestFirst.length / (time(newestFirst[0]!) - time(newestFirst.at(-1)!) + 1)

/**
 * A conversation's messages created from `fromMs` on, oldest first, one stretch after the other.
 *
 * Botpress lists newest first, a page at a time, filtered by creation date (`afterDate` and `beforeDate`,
 * both inclusive). A short backlog is best listed newest first from `fromMs`, a call per page (NEWEST_PAGES).
 * When a long one follows, paging on down to `fromMs` would cost a call per page of all of it; instead the
 * walk goes forward from `fromMs` in windows of time sized by the density seen so far to hold a few pages
 * each, up to the oldest message listed first. A window holding too many is narrowed before it is listed
 * whole; the next one is sized by what the last one held. Then the calls depend on how many messages the
 * caller takes, not on how many follow.
 */
export async function* forwardWindows(
  client: MessageLister,
  conversationId: string,
  fromMs: number
): AsyncGenerator<Window> {
  const open: Range = { afterDate: iso(fromMs) }
  const newest: Message[] = []
  let calls = 0
  let nextToken: string | undefined
  const pagesLeft = () => ((time(newest.at(-1)!) - fromMs) * density(newest) * calls) / newest.length
  do {
    const page = await listRange(client, conversationId, open, 1, nextToken)
    calls++
    newest.push(...page.messages)
    nextToken = page.nextToken
  } while (nextToken && (calls < NEWEST_PAGES.min || (calls < NEWEST_PAGES.max && pagesLeft() <= NEWEST_PAGES.enough)))
  if (!nextToken) {
    yield { messages: newest.reverse(), last: true, calls }
    return
  }

  const end = time(newest.at(-1)!)
  const target = (WINDOW_PAGES.target * newest.length) / calls
  let lo = fromMs
  let width = target / density(newest)
  /** Messages already yielded at the window's start: consecutive windows share their boundary millisecond. */
  let seen = new Set<string>()
  for (;;) {
    const hi = Math.min(lo + Math.max(1, Math.floor(width)), end)
    const range: Range = { afterDate: iso(lo), beforeDate: iso(hi) }
    const listing = await listRange(client, conversationId, range, WINDOW_PAGES.max)
    calls += listing.calls
    let listed = listing.messages
    if (listing.nextToken) {
      // The widest window that leaves out the oldest message listed, so each narrowing lists fewer.
      const room = time(listed.at(-1)!) - lo - 1
      if (room >= 1) {
        width = Math.min(room, Math.max(target / density(listed), (hi - lo) / MAX_RESIZE))
        continue
      }
      // What is left was created within a millisecond of `lo`: no narrower window separates it.
      const rest = await listRange(client, conversationId, range, Infinity, listing.nextToken)
      calls += rest.calls
      listed = [...listed, ...rest.messages]
    }
    const last = hi === end
    if (last) {
      // Up to the oldest message listed first: the rest was listed then, newer than everything here.
      const here = new Set(listed.map((m) => m.id))
      listed = [...newest.filter((m) => !here.has(m.id)), ...listed]
    }
    yield { messages: listed.filter((m) => !seen.has(m.id)).reverse(), last, calls }
    if (last) return
    calls = 0
    width = (hi - lo) * (listed.length ? clamp(target / listed.length, 1 / MAX_RESIZE, MAX_RESIZE) : MAX_RESIZE)
    lo = hi
    seen = new Set(listed.filter((m) => time(m) >= lo).map((m) => m.id))
  }
}
