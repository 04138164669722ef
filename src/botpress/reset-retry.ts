import type { AxiosError } from 'axios'
import { axiosRetry } from '../axios'

/** The one write that is not idempotent: a second attempt could create a second event. */
const isCreateEvent = (error: AxiosError) =>
  error.config?.method?.toLowerCase() === 'post' && /\/v1\/chat\/events\/?$/.test(error.config.url ?? '')

/**
 * A keep-alive connection the API side closed just as a call went out ("socket hang up", ECONNRESET): the
 * call never got an answer and is retried once, at once. Every call the webhook makes but `createEvent` is
 * idempotent (get-or-create by tags, reads, updates), so a retry cannot write twice.
 */
export const RESET_RETRY = {
  retries: 1,
  retryDelay: () => 0,
  shouldResetTimeout: true,
  retryCondition: (error: AxiosError) =>
    !error.response && (error.code === 'ECONNRESET' || /socket hang up/i.test(error.message)) && !isCreateEvent(error),
}

/**
 * The feed tag on a bot message (`updateMessage`, idempotent): tried 3 times, 250 and 500 ms apart, on a
 * network error, a 5xx or a 429, so that it lands well inside the reads' trailing window.
 */
export const FEED_TAG_RETRY = {
  retries: 2,
  retryDelay: (retry: number) => 250 * 2 ** (retry - 1),
  shouldResetTimeout: true,
  retryCondition: (error: AxiosError) =>
    axiosRetry.isNetworkOrIdempotentRequestError(error) || error.response?.status === 429,
}
