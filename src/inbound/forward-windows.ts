import type { Client, Message } from '@botpress/client'
import { step } from './botpress-errors'

export type MessageLister = Pick<Client, 'listMessages'>

/** One stretch of the conversation, oldest first; `last` for the one that ends with its newest message. */
export type Window = { messages: Message[]; last: boolean; calls: number }

/** A window is sized to hold about this share of a page, so that most windows fit in one call. */
const FILL = 0.75
/** How much a window may grow after one that held few messages. */
const MAX_GROWTH = 4
/** Pages listed newest first before walking forward in time. */
const NEWEST_PAGES = 5

type Range = { afterDate: string; beforeDate?: string }

const time = (message: Message) => Date.parse(message.createdAt)
const iso = (ms: number) => new Date(ms).toISOString()

const listPage = async (client: MessageLister, conversationId: string, range: Range, nextToken?: string) => {
  const { messages, meta } = await step('reading the messages', () =>
    client.listMessages({ conversationId, ...range, nextToken })
  )
  return { messages, nextToken: meta.nextToken }
}

/** The pages after the first one of a range, newest first. */
const listRest = async (client: MessageLister, conversationId: string, range: Range, nextToken: string) => {
  const messages: Message[] = []
  let calls = 0
  for (let token: string | undefined = nextToken; token; calls++) {
    const page = await listPage(client, conversationId, range, token)
    messages.push(...page.messages)
    token = page.nextToken
  }
  return { messages, calls }
}

/**
 * A conversation's messages created from `fromMs` on, oldest first, one stretch after the other.
 *
 * Botpress lists newest first, a page at a time, filtered by creation date (`afterDate` and `beforeDate`,
 * both inclusive). The first pages are listed newest first from `fromMs`: a backlog of up to
 * NEWEST_PAGES pages costs a call per page. When more follow, paging on down to `fromMs` would cost a call per
 * page of everything since; instead the walk goes forward from `fromMs` in windows of time sized to hold
 * about a page each, up to the oldest message already listed: a window that holds more is halved before it
 * is used, one that holds few lets the next one grow. Then the calls depend on how many messages the caller
 * takes, not on how many follow them.
 */
export async function* forwardWindows(
  client: MessageLister,
  conversationId: string,
  fromMs: number
): AsyncGenerator<Window> {
  const newest: Message[] = []
  let calls = 0
  let nextToken: string | undefined
  do {
    const page = await listPage(client, conversationId, { afterDate: iso(fromMs) }, nextToken)
    calls++
    newest.push(...page.messages)
    nextToken = page.nextToken
  } while (nextToken && calls < NEWEST_PAGES)
  if (!nextToken) {
    yield { messages: newest.reverse(), last: true, calls }
    return
  }

  const pageSize = newest.length / calls
  const end = time(newest.at(-1)!)
  let lo = fromMs
  let width = Math.max(1, Math.floor((FILL * pageSize * (time(newest[0]!) - end + 1)) / newest.length))
  /** Messages already yielded at the window's start: consecutive windows share their boundary millisecond. */
  let seen = new Set<string>()
  for (;;) {
    const hi = Math.min(lo + width, end)
    const range: Range = { afterDate: iso(lo), beforeDate: iso(hi) }
    const first = await listPage(client, conversationId, range)
    calls++
    let listed = first.messages
    if (first.nextToken) {
      // The widest window that leaves out this page's oldest message, so each narrowing lists fewer.
      const room = time(first.messages.at(-1)!) - lo - 1
      if (room >= 1) {
        width = Math.max(1, Math.floor(Math.min((hi - lo) / 2, room)))
        continue
      }
      // A page's worth was created within a millisecond of `lo`: no narrower window separates it.
      const rest = await listRest(client, conversationId, range, first.nextToken)
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
    lo = hi
    seen = new Set(listed.filter((m) => time(m) >= lo).map((m) => m.id))
    const growth = listed.length === 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, (FILL * pageSize) / listed.length)
    width = Math.max(1, Math.floor(width * growth))
  }
}
