import { listenForBotMessages, type Tenant } from '../../message-signal'
import { pollUntil } from '../../poll-until'
import type { FeedWatch } from './feed-watch'
import type { CallCounter } from '../../botpress/call-count'
import type { OpenRead } from './open-read'
import type { ReadAnswer } from './read-page'

const isIdle = (answer: ReadAnswer) => answer.messages.length === 0 && !answer.hasMore

/**
 * A read that waits: when nothing follows the cursor yet, it waits for a bot message it would return, then
 * reads again; it answers when one comes, the wait of `seconds` runs out (then `messages: []`, `hasMore:
 * false` and the cursor to read on from), or its calls do (all its reads share one bound). It does not poll
 * on its own: the channel handler on this instance, and the instance's one shared poll (`FeedWatch`), wake it.
 */
export const waitForMessages = async (
  read: OpenRead,
  seconds: number,
  tenant: Tenant,
  counter: CallCounter,
  watch: FeedWatch
): Promise<ReadAnswer> => {
  const deadline = Date.now() + seconds * 1000
  // Listening before the first read: a message written while it runs still wakes the wait.
  const bell = listenForBotMessages(tenant, read.conversationId, read.awaits)
  let leave = () => {}
  try {
    let answer = await read.next()
    if (!isIdle(answer)) return answer
    leave = watch.join(tenant, read.fromMs)
    // Read again only when woken; the deadline, or calls run out, answer what the last read found.
    return await pollUntil<ReadAnswer>({ deadline, bell, firstDueAt: Infinity }, async (cause) => {
      if (cause !== 'rang' || counter.spendable < 1) return { done: answer }
      answer = await read.next()
      return isIdle(answer) ? { dueAt: Infinity } : { done: answer }
    })
  } finally {
    leave()
    bell.close()
  }
}
