/** What a waited answer (`Prefer: wait`) says about the bot's turn, beside its replies. */
export type Waited = {
  complete: boolean
  replies: number
  /** `status`: ended on the bot's status for the message; `silence`: the fallback, a quiet second. */
  waitRule?: string
  outcome?: string
  failureReason?: string | null
}

/** The waited part of a webhook answer, or undefined when the request did not ask to wait. */
export const waitedOf = (answer: unknown): Waited | undefined => {
  if (typeof answer !== 'object' || answer === null) return undefined
  const { complete, replies, waitRule, outcome, failureReason } = answer as Record<string, unknown>
  if (typeof complete !== 'boolean') return undefined
  return {
    complete,
    replies: Array.isArray(replies) ? replies.length : 0,
    ...(typeof waitRule === 'string' ? { waitRule } : {}),
    ...(typeof outcome === 'string' ? { outcome } : {}),
    ...(failureReason === null || typeof failureReason === 'string' ? { failureReason } : {}),
  }
}

const count = (replies: number) => `${replies} ${replies === 1 ? 'reply' : 'replies'} in the answer`

/** One line a person reads: how the bot's turn ended, and what the answer carried. */
export const describeWaited = (waited: Waited): string => {
  if (!waited.complete) return `The wait ran out before the bot was done: ${count(waited.replies)} so far.`
  if (waited.waitRule === 'silence') {
    return `Done after a quiet second (Botpress gave no bot status): ${count(waited.replies)}.`
  }
  if (waited.outcome === 'failed') {
    return `The bot failed (${count(waited.replies)}): ${waited.failureReason ?? 'Botpress gave no reason.'}`
  }
  return `The bot is done (${waited.outcome ?? 'complete'}): ${count(waited.replies)}.`
}

/** A short tag for the log's summary line. */
export const waitedTag = (waited: Waited): string =>
  waited.complete ? (waited.outcome ?? `done (${waited.waitRule ?? 'silence'})`) : 'wait ran out'
