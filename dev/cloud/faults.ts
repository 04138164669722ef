/** Simulated conditions of the runtime API, settable by tests and the benchmark. */
export type Faults = {
  /** Added before every API answer. */
  latencyMs: number
  /** Share of API calls (0 to 1) answered with `failureStatus` instead of being served. */
  failureRate: number
  failureStatus: number
  /** Operations refused as Botpress refuses what a token may not use (Forbidden) or an API lacks (MethodNotFound). */
  refusedOperations: Partial<Record<string, 'Forbidden' | 'MethodNotFound'>>
}

export const NO_FAULTS: Faults = { latencyMs: 0, failureRate: 0, failureStatus: 503, refusedOperations: {} }

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
