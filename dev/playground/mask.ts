const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization'])

/** Keeps enough of a secret to tell two apart, never enough to use it: `loca…oken`. */
export const maskSecret = (secret: string): string =>
  secret.length < 12 ? '…' : `${secret.slice(0, 4)}…${secret.slice(-4)}`

/** `bearer local-personal-access-token` becomes `bearer loca…oken`: the scheme stays readable. */
export const maskAuthorization = (value: string): string => {
  const [, scheme, credentials] = /^(\S+)\s+(.*)$/.exec(value.trim()) ?? []
  return scheme && credentials ? `${scheme} ${maskSecret(credentials)}` : maskSecret(value)
}

/** The headers with every credential masked, for a log anyone may read. */
export const maskHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.has(name.toLowerCase()) ? maskAuthorization(value) : value,
    ])
  )
