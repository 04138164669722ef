/** How a waited request collects replies; documented in hub.md ("Getting replies in the answer"). */
export const WAIT_RULES = {
  /** A longer wait is clamped to this: well inside the time Botpress gives one webhook call. */
  maxSeconds: 25,
  /** The bot is done when no new reply came for this long after the last one. */
  settleMs: 1_000,
  /** How often the conversation is read while waiting. */
  pollMs: 250,
} as const

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
