import { listenForBotMessages, type Tenant } from '../../message-signal'
import type { CallBudget } from './forward-walk'
import type { OpenRead, ReadAnswer } from './read-page'

/**
 * How a read with `Prefer: wait` polls while nothing follows its cursor; documented in hub.md. The reads
 * grow apart: 0.25, 0.5, 1, 2 s, then every 3 s, so an idle wait of 25 s makes at most 11 of them after the
 * first read (one `listMessages` each when nothing was written).
 */
export const LONG_POLL = { firstPollMs: 250, growth: 2, maxPollMs: 3_000 } as const

/** How long to wait before the poll that follows `polls` polls. */
export const longPollDelayMs = (polls: number): number =>
  Math.min(LONG_POLL.maxPollMs, LONG_POLL.firstPollMs * LONG_POLL.growth ** polls)

const isIdle = (answer: ReadAnswer) => answer.messages.length === 0 && !answer.hasMore

/**
 * A read that waits: when nothing follows the cursor yet, it reads again on the poll schedule until a bot
 * message comes, the wait of `seconds` runs out (then `messages: []`, `hasMore: false` and the cursor to read
 * on from, unchanged when nothing at all was written), or its calls do (all its reads share one bound). A bot
 * message handed to this instance wakes it at once, and the schedule starts over.
 */
export const waitForMessages = async (
  read: OpenRead,
  seconds: number,
  tenant: Tenant,
  budget: CallBudget
): Promise<ReadAnswer> => {
  const deadline = Date.now() + seconds * 1000
  // Listening before the first read: a message written while it runs still wakes the wait.
  const bell = listenForBotMessages(tenant, read.conversationId)
  try {
    let answer = await read.next()
    for (let polls = 0; isIdle(answer);) {
      const left = deadline - Date.now()
      const delay = longPollDelayMs(polls)
      const woken = await bell.wait(Math.min(delay, left))
      if (!woken && delay >= left) break
      if (budget.left < 1 + (budget.reserved ?? 0)) break
      polls = woken ? 0 : polls + 1
      answer = await read.next()
    }
    return answer
  } finally {
    bell.close()
  }
}
