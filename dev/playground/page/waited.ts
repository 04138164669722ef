/** What a waited answer (`Prefer: wait`) says about the bot's turn, beside its replies. */
export type Waited = {
  complete: boolean
  replies: number
  /** `status`: ended on the bot's status for the message; `silence`: the fallback, a quiet second. */
  waitRule?: string
  outcome?: string
  failureReason?: string | null
  /** Why `complete` is false: `wait_expired`, `overlap`, `no_status` or `out_of_reach`. */
  incompleteReason?: string
}

/** The waited part of a webhook answer, or undefined when the request did not ask to wait. */
export const waitedOf = (answer: unknown): Waited | undefined => {
  if (typeof answer !== 'object' || answer === null) return undefined
  const { complete, replies, waitRule, outcome, failureReason, incompleteReason } = answer as Record<string, unknown>
  if (typeof complete !== 'boolean') return undefined
  return {
    complete,
    replies: Array.isArray(replies) ? replies.length : 0,
    ...(typeof waitRule === 'string' ? { waitRule } : {}),
    ...(typeof outcome === 'string' ? { outcome } : {}),
    ...(failureReason === null || typeof failureReason === 'string' ? { failureReason } : {}),
    ...(typeof incompleteReason === 'string' ? { incompleteReason } : {}),
  }
}

const count = (replies: number) => `${replies} ${replies === 1 ? 'reply' : 'replies'} in the answer`

/** What a person reads for each reason a waited answer is not complete. */
const INCOMPLETE: Record<string, string> = {
  wait_expired: 'The wait ran out before the bot was done',
  overlap:
    'Something else of the conversation ran at the same time, so only the replies surely to this message are here (read the rest from the cursor)',
  no_status: 'Ended after a quiet second: Botpress gave no bot status, so nothing is sure',
  out_of_reach: 'The message is too far back for a wait to read its turn',
}

/** One line a person reads: how the bot's turn ended, and what the answer carried. */
export const describeWaited = (waited: Waited): string => {
  if (!waited.complete)
    return `${INCOMPLETE[waited.incompleteReason ?? ''] ?? INCOMPLETE['wait_expired']}: ${count(waited.replies)}.`
  if (waited.outcome === 'failed') {
    return `The bot failed (${count(waited.replies)}): ${waited.failureReason ?? 'Botpress gave no reason.'}`
  }
  return `The bot is done (${waited.outcome ?? 'complete'}): ${count(waited.replies)}.`
}

/** A short tag for the log's summary line. */
export const waitedTag = (waited: Waited): string =>
  waited.complete ? (waited.outcome ?? 'done') : (waited.incompleteReason ?? 'wait_expired').replace('_', ' ')
