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
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  failureRate: 0,
  failureStatus: 503,
  refusedOperations: {},
  resetConnections: 0,
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
