import type { AxiosError, AxiosInstance } from 'axios'
import { axios, retryAfter } from '../axios'

/** What a caller is told to wait when Botpress rate limits without saying for how long. */
const FALLBACK_SECONDS = 1

/** The whole seconds Botpress asks to wait: its Retry-After (seconds or a date), else its RateLimit-Reset. */
const waitOf = (error: AxiosError): number | undefined => {
  const retryAfterMs = retryAfter(error)
  if (retryAfterMs > 0) return Math.ceil(retryAfterMs / 1000)
  const reset = Number(error.response?.headers['ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0 ? Math.ceil(reset) : undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Keeps the wait of a Botpress 429 on the API error the client makes of it: the client builds that error
 * from the answer's body (its `metadata` included) and drops the headers.
 */
export const keepRateLimitWait = (http: AxiosInstance): void => {
  http.interceptors.response.use(undefined, (error: unknown) => {
    const response = axios.isAxiosError(error) && error.response?.status === 429 ? error.response : undefined
    const seconds = response && waitOf(error as AxiosError)
    if (seconds !== undefined && isRecord(response?.data)) {
      const metadata = isRecord(response.data.metadata) ? response.data.metadata : {}
      response.data = { ...response.data, metadata: { ...metadata, retryAfterSeconds: seconds } }
    }
    throw error
  })
}

/** The Retry-After to give the caller for a Botpress 429, in whole seconds. */
export const retryAfterSeconds = (thrown: unknown): number => {
  const metadata = isRecord(thrown) ? thrown.metadata : undefined
  const seconds = isRecord(metadata) ? metadata.retryAfterSeconds : undefined
  return typeof seconds === 'number' && seconds > 0 ? seconds : FALLBACK_SECONDS
}
