/** How a waited request collects replies; documented in hub.md ("Getting replies in the answer"). */
export const WAIT_RULES = {
  /** A longer wait is clamped to this: well inside the time Botpress gives one webhook call. */
  maxSeconds: 25,
  /**
   * The first read comes this soon after the message is written: a quick bot is often done by then, and
   * a read costs a Botpress call, so the reads then grow apart by `pollGrowth` up to `maxPollMs`.
   */
  firstPollMs: 100,
  pollGrowth: 1.5,
  maxPollMs: 250,
  /** Fallback only (no bot status to read): the bot is done when no new reply came for this long. */
  settleMs: 1_000,
} as const

/** How long to wait before the read after `readsSoFar` reads: 100, 150, 225, then 250 ms (WAIT_RULES). */
export const pollDelayMs = (readsSoFar: number): number =>
  Math.min(WAIT_RULES.maxPollMs, WAIT_RULES.firstPollMs * WAIT_RULES.pollGrowth ** readsSoFar)

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
