import type { AxiosError } from 'axios'

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
