import { isApiError } from '@botpress/sdk'
import { HttpError, reasonOf } from '../errors'
import { retryAfterSeconds } from './rate-limit'

export const PAT_HINT =
  'Create a personal access token in Botpress (your avatar, top right > Personal Access Tokens) with access to this bot, and send it as "Authorization: bearer <token>".'

/**
 * Turns a failed Botpress API call into the webhook's answer. `step` names what we were doing
 * ("finding or creating the user", …) so the caller knows where it failed.
 */
export const fromBotpressError = (step: string, thrown: unknown): HttpError => {
  if (thrown instanceof HttpError) {
    return thrown
  }
  const mapped = mapApiError(step, thrown)
  return new HttpError(mapped.status, mapped.code, mapped.message, undefined, mapped.headers, thrown)
}

const mapApiError = (step: string, thrown: unknown): HttpError => {
  if (!isApiError(thrown) || isNetworkFailure(thrown)) {
    const reason = reasonOf(thrown)
    return new HttpError(502, 'botpress_unreachable', `Botpress could not be reached while ${step}: ${reason}`)
  }
  const detail = `Botpress answered ${thrown.code} ${thrown.type} while ${step}: ${thrown.message}`
  switch (thrown.code) {
    case 401:
    case 403:
      return new HttpError(401, 'invalid_token', `Botpress rejected the token. ${PAT_HINT}`)
    case 404:
      return new HttpError(404, 'not_found', `${detail}. Check that the bot exists and the integration is installed.`)
    case 400:
    case 409:
    case 413:
      return new HttpError(thrown.code === 409 ? 409 : 400, 'rejected_by_botpress', detail)
    case 429: {
      const seconds = retryAfterSeconds(thrown)
      return new HttpError(429, 'rate_limited', `${detail}. Retry after ${seconds} s.`, undefined, {
        'retry-after': String(seconds),
      })
    }
    default:
      return new HttpError(502, 'botpress_error', detail)
  }
}

/** The client reports a failed connection or a timeout as an "Unknown" API error wrapping the network error. */
const isNetworkFailure = (thrown: { type: string; error?: Error }) =>
  thrown.type === 'Unknown' && typeof (thrown.error as { code?: unknown } | undefined)?.code === 'string'

/** Whether `thrown` is a Botpress API error of one of these types (`ResourceNotFound`, …). */
export const isApiErrorOf = (thrown: unknown, ...types: string[]) => isApiError(thrown) && types.includes(thrown.type)

/** Runs one Botpress call and maps its failure with the step's name. */
export const step = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call()
  } catch (thrown) {
    throw fromBotpressError(name, thrown)
  }
}
