import { RuntimeError } from '@botpress/sdk'

/**
 * Checks the configured response endpoint and returns it as a URL.
 * Bot owners see the message, so it says what to fix.
 */
export const parseResponseEndpoint = (value: string | undefined): URL => {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw new RuntimeError(
      'Response Endpoint URL is not a valid URL. Set it to your server endpoint, e.g. https://example.com/botpress/replies'
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RuntimeError(`Response Endpoint URL must start with http:// or https:// (got ${url.protocol}//).`)
  }
  return url
}
