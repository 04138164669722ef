export type CurlRequest = { method: string; url: string; headers: Record<string, string>; body?: string }

/** Headers a browser or HTTP client adds by itself: a copied command leaves them to curl. */
const AUTOMATIC =
  /^(host|content-length|connection|accept|accept-encoding|accept-language|user-agent|origin|referer|cookie|pragma|cache-control|priority|dnt|sec-.*)$/i

/** Quotes for a POSIX shell: single quotes, each inner one closed, escaped and reopened. */
export const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`

/**
 * The request as a curl command to paste in a shell. The log only holds masked credentials, so an
 * Authorization header reads the token from `$TOKEN` instead.
 */
export const curlCommand = ({ method, url, headers, body }: CurlRequest): string => {
  const lines = [`curl -X ${method} ${shellQuote(url)}`]
  for (const [name, value] of Object.entries(headers)) {
    if (AUTOMATIC.test(name)) continue
    if (name.toLowerCase() === 'authorization') {
      const scheme = value.split(/\s+/)[0] || 'bearer'
      lines.push(`-H "Authorization: ${scheme} $TOKEN"`)
    } else {
      lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
    }
  }
  if (body) lines.push(`--data-raw ${shellQuote(body)}`)
  return lines.join(' \\\n  ')
}
