/** How a waited request collects replies; documented in hub.md ("Replies in the answer"). */
export const WAIT_RULES = {
  /** A longer wait is clamped to this: well inside the time Botpress gives one webhook call. */
  maxSeconds: 25,
  /**
   * Reads of the bot's status, each a Botpress call: the first soon (a quick bot is done by then), then
   * sparse, so that a slow bot costs a handful of calls. A reply the bot sends on this instance is the sign
   * that it is about done: the status is read `afterReplyMs` later, and once more if still pending.
   */
  firstPollMs: 250,
  pollEveryMs: 3_000,
  /** Past this, the bot is slow: reads grow apart to `latePollEveryMs`. */
  lateAfterMs: 12_000,
  latePollEveryMs: 6_000,
  afterReplyMs: [100, 400],
  /** Fallback only (no bot status to read): the bot is done when no new reply came for this long. */
  settleMs: 1_000,
  /**
   * The most Botpress calls one waited message makes, the look, the write and the final reads included: the
   * wait stops reading the status when only the final reads are left.
   */
  maxCalls: 14,
} as const

/** How long after a status read, made `elapsedMs` into the wait, the next one comes when nothing signals. */
export const pollEveryMs = (elapsedMs: number): number =>
  elapsedMs < WAIT_RULES.lateAfterMs ? WAIT_RULES.pollEveryMs : WAIT_RULES.latePollEveryMs

/**
 * The `wait` preference of an RFC 7240 `Prefer` header, in whole seconds, clamped to 1..maxSeconds;
 * undefined when absent or unreadable (a preference a server cannot honour is ignored, per the RFC).
 */
export const preferredWaitSeconds = (header: string | undefined): number | undefined => {
  for (const preference of (header ?? '').split(',')) {
    const [token, rawValue = ''] = (preference.split(';')[0] ?? '').split('=')
    if (token?.trim().toLowerCase() !== 'wait') continue
    const value = rawValue.trim().replace(/^"(.*)"$/, '$1')
    if (!/^\d+$/.test(value)) return undefined
    return Math.min(WAIT_RULES.maxSeconds, Math.max(1, Number(value)))
  }
  return undefined
}
