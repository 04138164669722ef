import type { Message } from '@botpress/client'
import type { Ended } from './wait-for-bot'
import type { MessageEnvelope } from '../../envelope'
import type { MessageBell } from '../../message-signal'
import { msLeft } from '../../botpress/call-deadline'
import type { CallCounter } from '../../botpress/call-count'
import type { Outcome } from './bot-status'
import { asDeliveries, attributeReplies, readAfterIncoming, type ReplyReader, type Turn } from './turn-replies'
import { sawSettled } from './look'
import { readRivals, type Rivals } from './turn-rivals'
import { sleep } from '../../poll-until'
import { waitForBot } from './wait-for-bot'

export type { ReplyReader } from './turn-replies'

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
  replies: MessageEnvelope[]
  complete: boolean
  incompleteReason?: IncompleteReason
  waitRule: 'status' | 'silence'
  outcome?: Outcome
  failureReason?: string | null
  cursor: string
}

/** Kept of the request's budget for reading the replies once the wait is over. */
const READ_RESERVE_MS = 5_000

/** A reply signalled on this instance may be listed a moment later: read again this long after, at most. */
const RELIST_AFTER_MS = [250, 1_000]

/**
 * How many Botpress calls are left to a wait (`botpress/call-count.ts`), and what it hears of the replies the
 * bot sends on this instance (`reply-signals.ts`): the bell that wakes it, and those the replies read must hold.
 */
export type WaitAids = { counter: CallCounter; bell?: MessageBell; signalled?: Map<string, number> }

/**
 * The messages after the incoming one, read again a moment later while a reply signalled on this instance is
 * not listed yet (Botpress may list a message a little after it is written); `unlisted` when one still is not.
 */
const readListingSignalled = async (
  client: ReplyReader,
  turn: Turn,
  until: number | undefined,
  signalled: Map<string, number>,
  counter: CallCounter
) => {
  let read = await readAfterIncoming(client, counter, turn, until)
  const expected = [...signalled].filter(([, createdAtMs]) => createdAtMs < (until ?? Infinity))
  const unlistedNow = () => expected.some(([id]) => !read.after.some((m) => m.id === id))
  for (const ms of RELIST_AFTER_MS) {
    // One call stays for what else ran.
    if (!read.reached || !unlistedNow() || counter.left < 2) break
    await sleep(ms)
    read = await readAfterIncoming(client, counter, turn, until)
  }
  // A listing that did not reach the message says nothing of what it holds: out of reach, not unlisted.
  return { ...read, unlisted: read.reached && unlistedNow() }
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
export const collectReplies = async (
  client: ReplyReader,
  turn: Turn,
  waitSeconds: number,
  { counter, bell, signalled = new Map() }: WaitAids
): Promise<WaitedReplies> => {
  const deadline = Date.now() + Math.min(waitSeconds * 1000, msLeft() - READ_RESERVE_MS)
  const ended = await waitForBot(client, turn, deadline, { counter, bell })
  return answer(client, turn, ended, signalled, counter)
}

const answer = async (
  client: ReplyReader,
  turn: Turn,
  ended: Ended,
  signalled: Map<string, number>,
  counter: CallCounter
): Promise<WaitedReplies> => {
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
  const { after, reached, unlisted } = await readListingSignalled(client, turn, until, signalled, counter)
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
  const complete = settled && !overlap && rivals.reached && reached && !unlisted
  const incompleteReason: IncompleteReason =
    !settled || unlisted ? 'wait_expired' : overlap ? 'overlap' : 'out_of_reach'
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
