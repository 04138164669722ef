import type { Client, Message } from '@botpress/client'
import { step } from './botpress-errors'

export type MessageLister = Pick<Client, 'listMessages'>

/** One stretch of the conversation, oldest first; `last` when it runs up to now. */
export type Window = { messages: Message[]; last: boolean; calls: number }

/** A window is sized to hold about this share of a page, so that most windows fit in one call. */
const FILL = 0.75
/** How much a window may grow after one that held few messages. */
const MAX_GROWTH = 4

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
 * A conversation's messages created from `fromMs` on, oldest first, one window of time after the other.
 *
 * Botpress lists newest first, a page at a time, filtered by creation date (`afterDate` and `beforeDate`,
 * both inclusive). Paging down from the newest message to `fromMs` would cost a call per page of everything
 * since. Instead, the first call lists from `fromMs` on; when that holds more than a page, the walk goes
 * forward from `fromMs` in windows sized by the density seen so far to hold about a page each: a window that
 * holds more is shrunk before it is used, one that holds few lets the next one grow. The calls depend on how
 * many messages the caller takes, not on how many follow them.
 */
export async function* forwardWindows(
  client: MessageLister,
  conversationId: string,
  fromMs: number
): AsyncGenerator<Window> {
  let lo = fromMs
  let width = Infinity
  /** The newest creation time listed: a window reaching it is left open-ended, so it runs up to now. */
  let newest = -Infinity
  let pageSize = 0
  /** Messages already yielded at the window's start: consecutive windows share their boundary millisecond. */
  let seen = new Map<string, number>()
  let calls = 0
  for (;;) {
    const last = lo + width >= newest
    const range: Range = { afterDate: iso(lo), ...(last ? {} : { beforeDate: iso(lo + width) }) }
    const first = await listPage(client, conversationId, range)
    calls++
    if (last && first.messages[0]) newest = Math.max(newest, time(first.messages[0]))
    let listed = first.messages
    if (first.nextToken) {
      pageSize = first.messages.length
      const oldest = time(first.messages.at(-1)!)
      if (oldest > lo) {
        const densityWidth = FILL * (time(first.messages[0]!) - oldest + 1)
        width = Math.floor(Math.min(width / 2, oldest - lo - 1, densityWidth))
        continue
      }
      // What the page left out was all created in the millisecond `lo`: no narrower window separates it.
      const rest = await listRest(client, conversationId, range, first.nextToken)
      calls += rest.calls
      listed = [...listed, ...rest.messages]
    }
    yield { messages: listed.filter((m) => !seen.has(m.id)).reverse(), last, calls }
    if (last) return
    calls = 0
    lo += width
    seen = new Map([...seen, ...listed.map((m) => [m.id, time(m)] as const)].filter(([, t]) => t >= lo))
    const growth = listed.length === 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, (FILL * pageSize) / listed.length)
    width = Math.max(1, Math.floor(Math.max(width, 1) * growth))
  }
}
