import { AsyncLocalStorage } from 'node:async_hooks'
import type { AxiosError, AxiosInstance } from 'axios'
import { axios } from '../axios'

/**
 * How long the Botpress calls of one operation may take in all. Botpress cuts an integration call at 60 s,
 * so each operation ends well inside it: a webhook request (a waited one included), an action, and the
 * lookup `sendEvent` makes before its delivery (whose own budget is DEFAULT_POLICY.budgetMs), and the feed tag
 * the channel handler sets before it delivers (inside the reads' trailing window of 5 s).
 */
export const CALL_BUDGETS_MS = { webhook: 40_000, action: 30_000, beforeDelivery: 10_000, feedTag: 3_000 } as const

const deadlines = new AsyncLocalStorage<number>()

/** Runs `work` so that every Botpress call it makes through a pooled client ends within `budgetMs` from now. */
export const withinBudget = <T>(budgetMs: number, work: () => Promise<T>): Promise<T> =>
  deadlines.run(Date.now() + budgetMs, work)

/** What is left of the current operation's budget; Infinity outside one. */
export const msLeft = (): number => {
  const deadline = deadlines.getStore()
  return deadline === undefined ? Infinity : deadline - Date.now()
}

const outOfTime = (config?: AxiosError['config']) =>
  new axios.AxiosError('no answer within the time left to this request', axios.AxiosError.ETIMEDOUT, config)

/**
 * Bounds every call of a client to the budget of the operation it is made for: its timeout, and a hard
 * abort that also covers a slow answer. A call with no time left is not made.
 */
export const boundByDeadline = (http: AxiosInstance): void => {
  http.interceptors.request.use((config) => {
    const left = msLeft()
    if (left === Infinity) return config
    if (left <= 0) throw outOfTime(config)
    config.timeout = Math.min(config.timeout || left, left)
    config.signal = AbortSignal.timeout(left)
    return config
  })
  http.interceptors.response.use(undefined, (error: unknown) => {
    // The abort reads as a cancel; it is the deadline, and answers as a timeout does.
    throw axios.isCancel(error) ? outOfTime(error.config) : error
  })
}
