import type { Message } from '@botpress/client'
import type { MessageBell } from '../../message-signal'
import { pollUntil } from '../../poll-until'
import type { CallCounter } from '../../botpress/call-count'
import { pollEveryMs, WAIT_RULES } from '../request/prefer-wait'
import { botStatusReader, type BotStatus } from './bot-status'
import { readAfterIncoming, type ReplyReader, type Turn } from './turn-replies'

export type Ended =
  | { rule: 'status'; status: Exclude<BotStatus, { kind: 'unknown' }> }
  | { rule: 'silence'; after: Message[]; reached: boolean }

/** Calls kept for what follows the wait: the replies and what else ran, and for a resend what bounds them. */
export const finalReads = (turn: Turn) => (turn.resent ? 3 : 2)

/** One status read; undefined when it failed (a refused or failing call): the next read may succeed. */
const tryRead = async (read: () => Promise<BotStatus>): Promise<BotStatus | undefined> => {
  try {
    return await read()
  } catch {
    return undefined
  }
}

/**
 * Reads the bot's status for the message until it settles or the deadline passes, at WAIT_RULES' times:
 * soon, then sparsely, and just after each reply the bot sends on this instance (`bell`), since a bot is
 * usually done right after its last reply. A status not listed yet, or a failed read, is read again. Only
 * when no status came for `settleMs` does the silence rule join in: the conversation is read too, each
 * `settleMs`, and the wait ends once no new message came for as long (or on a status). It stops reading
 * when only the final reads are left of the calls `counter` allows.
 */
export const waitForBot = async (
  client: ReplyReader,
  turn: Turn,
  deadline: number,
  { counter, bell }: { counter: CallCounter; bell?: MessageBell }
): Promise<Ended> => {
  const readStatus = botStatusReader(client, turn.incoming.id)
  const started = Date.now()
  let pending = false
  let silence: { after: Message[]; reached: boolean; changedAt: number } | undefined
  let nextReadAt = started + WAIT_RULES.firstPollMs
  let afterReply: number[] = []
  const nextDueAt = () => Math.min(nextReadAt, afterReply[0] ?? Infinity)
  // A status once pending keeps the status rule, whatever the silence rule had read before it.
  const stillPending = (): Ended =>
    silence && !pending ? { rule: 'silence', ...silence } : { rule: 'status', status: { kind: 'pending' } }
  return pollUntil<Ended>({ deadline, bell, firstDueAt: nextReadAt }, async (cause) => {
    if (cause === 'rang') {
      // A reply of this conversation was just sent: read the status shortly after, and once more if pending.
      afterReply = WAIT_RULES.afterReplyMs.map((ms) => Date.now() + ms)
      return { dueAt: nextDueAt() }
    }
    const now = Date.now()
    afterReply = afterReply.filter((at) => at > now)
    const silenceRule = !pending && now - started >= WAIT_RULES.settleMs
    if (counter.left - (silenceRule ? 2 : 1) < finalReads(turn)) return { done: stillPending() }
    const status = await tryRead(readStatus)
    if (status?.kind === 'settled') return { done: { rule: 'status', status } }
    if (status?.kind === 'pending') pending = true
    const expired = Date.now() >= deadline
    if (!pending && silenceRule) {
      const read = await readAfterIncoming(client, counter, turn)
      const changed = !silence || read.after.length !== silence.after.length
      silence = { ...read, changedAt: changed ? Date.now() : silence!.changedAt }
      const quiet = read.after.length > 0 && Date.now() - silence.changedAt >= WAIT_RULES.settleMs
      if (quiet || expired) return { done: { rule: 'silence', ...silence } }
      nextReadAt = Date.now() + WAIT_RULES.settleMs
    } else if (expired) {
      return { done: stillPending() }
    } else {
      // Until a status shows, the silence rule may be needed: the next read comes once it could apply.
      nextReadAt = Date.now() + (pending ? pollEveryMs(Date.now() - started) : WAIT_RULES.settleMs)
    }
    return { dueAt: nextDueAt() }
  })
}
