import type { AxiosError } from 'axios'
import { retryAfter } from '../axios'
import type { RetryPolicy } from './delivery-settings'

/** The shortest attempt worth making: a retry that cannot get this much time is not made. */
export const MIN_ATTEMPT_MS = 1_000

/** No answer (network error, timeout), 408, 429 and 5xx can succeed later; any other answer is the endpoint's "no". */
export const isRetryable = (error: AxiosError): boolean => {
  const status = error.response?.status
  return status === undefined || status === 408 || status === 429 || status >= 500
}

/** Exponential backoff before retry `n` (1-based): base, 2×base, 4×base… capped. */
export const backoffMs = (retry: number, policy: RetryPolicy): number =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))

/** The wait before retry `n`: backoff with "equal jitter" (half fixed, half random), never less than Retry-After. */
export const delayMs = (retry: number, error: AxiosError, policy: RetryPolicy, random = Math.random): number => {
  const backoff = backoffMs(retry, policy)
  return Math.max(backoff / 2 + (random() * backoff) / 2, retryAfter(error))
}

/** Whether retry `n` fits: its shortest wait plus a minimal attempt must end inside the budget. */
export const fitsBudget = (retry: number, error: AxiosError, policy: RetryPolicy, elapsedMs: number): boolean =>
  elapsedMs + Math.max(backoffMs(retry, policy) / 2, retryAfter(error)) + MIN_ATTEMPT_MS <= policy.budgetMs
