/** Simulated conditions of the runtime API, settable by tests and the benchmark. */
export type Faults = {
  /** Added before every API answer. */
  latencyMs: number
  /** Share of API calls (0 to 1) answered with `failureStatus` instead of being served. */
  failureRate: number
  failureStatus: number
  /** Operations always answered with this status instead of being served, e.g. `{ listEvents: 403 }`. */
  refusedOperations: Partial<Record<string, number>>
  /** How many of the next API requests get their connection closed without an answer ("socket hang up"). */
  resetConnections: number
  /** Headers a simulated 429 carries, as Botpress's rate limiter may send them (`retry-after`, `ratelimit-reset`). */
  rateLimitHeaders: Record<string, string>
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  failureRate: 0,
  failureStatus: 503,
  refusedOperations: {},
  resetConnections: 0,
  rateLimitHeaders: {},
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
