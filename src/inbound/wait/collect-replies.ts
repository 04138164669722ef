import type { Client, Message } from '@botpress/client'
import type { Delivery } from '../../envelope'
import { msLeft } from '../botpress/call-deadline'
import { botStatusReader, type BotStatus, type Outcome, type StatusReader } from './bot-status'
import { pollDelayMs, WAIT_RULES } from '../request/prefer-wait'
import { asDeliveries, attributeReplies, readAfterIncoming, type Turn } from './turn-replies'
import { sawSettled } from './look'
import { readRivals, type Rivals } from './turn-rivals'

export type ReplyReader = Pick<Client, 'listMessages'> & StatusReader

/**
 * Why `complete` is false: the bot was still at it when the wait ended (`wait_expired`); something else of
 * the conversation ran while it handled the message, so later replies cannot be told apart (`overlap`);
 * Botpress gave no status for the message (`no_status`); the message is too far back for a wait to read
 * its turn (`out_of_reach`).
 */
export type IncompleteReason = 'wait_expired' | 'overlap' | 'no_status' | 'out_of_reach'

/**
 * What a waited answer adds. `replies` only ever holds replies to this message. `complete` says they are all
 * of them. `waitRule` says what ended the wait: `status`, the bot's own status for the message (then
 * `outcome` once it settled, and `failureReason` when it failed); `silence`, the fallback when Botpress gave
 * no status (a quiet second after the last reply). `cursor`: where `GET /messages` reads on.
 */
export type WaitedReplies = {
  replies: Delivery[]
  complete: boolean
  incompleteReason?: IncompleteReason
  waitRule: 'status' | 'silence'
  outcome?: Outcome
  failureReason?: string | null
  cursor: string
}

/** Kept of the request's budget for reading the replies once the wait is over. */
const READ_RESERVE_MS = 5_000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** One status read; undefined when it failed (a refused or failing call): the next read may succeed. */
const tryRead = async (read: () => Promise<BotStatus>): Promise<BotStatus | undefined> => {
  try {
    return await read()
  } catch {
    return undefined
  }
}

type Ended =
  | { rule: 'status'; status: Exclude<BotStatus, { kind: 'unknown' }> }
  | { rule: 'silence'; after: Message[]; reached: boolean }

/**
 * Polls the bot's status for the message until it settles or the deadline passes. A status not listed yet,
 * or a failed read, is read again. Only when no status came for `settleMs` does the silence rule join in:
 * the conversation is read too, and the wait ends once no new message came for `settleMs` (or on a status).
 */
const waitForBot = async (client: ReplyReader, turn: Turn, deadline: number): Promise<Ended> => {
  const readStatus = botStatusReader(client, turn.incoming.id)
  const started = Date.now()
  let pending = false
  let silence: { after: Message[]; reached: boolean; changedAt: number } | undefined
  for (let reads = 0; ; reads++) {
    await sleep(Math.max(0, Math.min(pollDelayMs(reads), deadline - Date.now())))
    const status = await tryRead(readStatus)
    if (status?.kind === 'settled') return { rule: 'status', status }
    if (status?.kind === 'pending') pending = true
    const expired = Date.now() >= deadline
    if (!pending && Date.now() - started >= WAIT_RULES.settleMs) {
      const read = await readAfterIncoming(client, turn)
      const changed = !silence || read.after.length !== silence.after.length
      silence = { ...read, changedAt: changed ? Date.now() : silence!.changedAt }
      const quiet = read.after.length > 0 && Date.now() - silence.changedAt >= WAIT_RULES.settleMs
      if (quiet || expired) return { rule: 'silence', ...silence }
    } else if (expired) {
      return { rule: 'status', status: { kind: 'pending' } }
    }
  }
}

/** Whatever ran beside the message; when the events cannot be read, all of its turn but the start is in doubt. */
const rivalsOf = async (client: ReplyReader, turn: Turn): Promise<Rivals> => {
  try {
    return await readRivals(client, turn.conversation.id, { messageId: turn.incoming.id, ...turn.incoming }, turn.look)
  } catch {
    return { since: -Infinity, reached: false }
  }
}

const cursorAfter = (replies: Message[], turn: Turn) => (replies.at(-1) ?? turn.incoming).id

/**
 * Waits for the bot to finish with `turn.incoming`, at most `waitSeconds`, with the caller's client, then
 * answers the replies that surely belong to it: those written after it while the bot handled nothing else
 * of the conversation. Ends early enough to read them within the request's budget; holds no state outside
 * this request.
 */
export const collectReplies = async (client: ReplyReader, turn: Turn, waitSeconds: number): Promise<WaitedReplies> => {
  const deadline = Date.now() + Math.min(waitSeconds * 1000, msLeft() - READ_RESERVE_MS)
  const ended = await waitForBot(client, turn, deadline)
  if (ended.rule === 'silence') {
    // Read after the replies were, as below.
    const { since } = await rivalsOf(client, turn)
    const { replies } = attributeReplies(ended.after, since)
    const incompleteReason: IncompleteReason = ended.reached ? 'no_status' : 'out_of_reach'
    const answer = { replies: asDeliveries(replies, turn), complete: false, incompleteReason }
    return { ...answer, waitRule: 'silence', cursor: cursorAfter(replies, turn) }
  }
  const ownMs = Date.parse(turn.incoming.createdAt)
  // A resend's turn may lie far back: what ran after it bounds the listing (the message that began it included).
  const bounds = turn.resent ? await rivalsOf(client, turn) : undefined
  const until = bounds?.since !== undefined && bounds.since > ownMs ? bounds.since + 1 : undefined
  const { after, reached } = await readAfterIncoming(client, turn, until)
  // Read after the replies: whatever wrote one of them had begun by then, so its event is listed.
  const rivals = await rivalsOf(client, turn)
  const since = Math.min(bounds?.since ?? Infinity, rivals.since ?? Infinity)
  const { replies, cut, next } = attributeReplies(after, since === Infinity ? undefined : since)
  const { status } = ended
  const settled = status.kind === 'settled'
  // Nothing ran between the message and the next one, which was written once the bot had settled this one.
  const closed =
    settled && next !== undefined && since >= Date.parse(next.createdAt) && sawSettled(next, status.eventId)
  const overlap = !closed && (since !== Infinity || cut)
  const complete = settled && !overlap && rivals.reached && reached
  const incompleteReason: IncompleteReason = !settled ? 'wait_expired' : overlap ? 'overlap' : 'out_of_reach'
  const outcome = settled
    ? { outcome: status.outcome, ...(status.outcome === 'failed' ? { failureReason: status.failureReason } : {}) }
    : {}
  return {
    replies: asDeliveries(replies, turn),
    complete,
    ...(complete ? {} : { incompleteReason }),
    waitRule: 'status',
    ...outcome,
    cursor: cursorAfter(replies, turn),
  }
}
