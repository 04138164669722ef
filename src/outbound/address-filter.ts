import { RuntimeError } from '@botpress/sdk'
import ipaddr from 'ipaddr.js'
import { isIP } from 'node:net'
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent'

/**
 * Set to `true` in the integration's own process to let deliveries reach private addresses: for the local
 * stack, the tests and the benchmark, whose endpoints live on 127.0.0.1. Bot owners cannot set it.
 */
export const ALLOW_PRIVATE_ENDPOINTS = 'MESSAGING_API_ALLOW_PRIVATE_ENDPOINTS'

/**
 * Ranges the filter refuses beyond those ipaddr.js does not count as unicast: IPv4-compatible IPv6
 * (`::127.0.0.1` is `::7f00:1`, "unicast" to ipaddr.js, and may reach the IPv4 address it carries) and the
 * deprecated site-local `fec0::/10`, listed here too so the rule does not rest on how ipaddr.js names it.
 */
const DENIED_RANGES: [cidr: string, kind: string][] = [
  ['::/96', 'IPv4-compatible IPv6'],
  ['fec0::/10', 'site-local'],
]

// The agents check the address each connection is actually made to, after DNS resolution (and IP literals
// however spelled, since URL parsing normalises them): a name that resolves, or later re-resolves, to an
// inside address is refused before any packet leaves. Everything but public unicast is refused.
const filter = { keepAlive: true, denyIPAddressList: DENIED_RANGES.map(([cidr]) => cidr) }
const publicOnly = {
  httpAgent: new RequestFilteringHttpAgent(filter),
  httpsAgent: new RequestFilteringHttpsAgent(filter),
}

/** The agents a delivery uses: public addresses only, unless this process allows private ones. */
export const deliveryAgents = () => (process.env[ALLOW_PRIVATE_ENDPOINTS] === 'true' ? {} : publicOnly)

// How request-filtering-agent (pinned) words a refusal; test/address-filter.test.ts fails if that changes.
const REFUSAL = /^DNS lookup (\S+?)\(family:.*\) is not allowed/

/** The address the filter refused, when `error` (or what it wraps) is such a refusal. */
export const refusedAddress = (error: unknown): string | undefined => {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 3; cause = cause.cause, depth++) {
    const match = REFUSAL.exec(cause.message)
    if (match) return match[1]
  }
  return undefined
}

const KINDS: Partial<Record<string, string>> = {
  loopback: 'loopback',
  private: 'private network',
  uniqueLocal: 'private network',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  deprecatedSiteLocal: 'site-local',
}

/** The range a refused address belongs to, in words a bot owner can look up (IPv4-mapped IPv6 as IPv4). */
export const addressKind = (address: string): string => {
  if (!ipaddr.isValid(address)) return 'reserved'
  const parsed = ipaddr.process(address)
  const range = parsed.range()
  if (range !== 'unicast') return KINDS[range] ?? 'reserved'
  const denied = DENIED_RANGES.find(([cidr]) => {
    const [network, bits] = ipaddr.parseCIDR(cidr)
    return parsed.kind() === network.kind() && parsed.match(network, bits)
  })
  return denied?.[1] ?? 'reserved'
}

/** A delivery the filter refused: never retried, and the install check passes its message on as is. */
export class EndpointRefusedError extends RuntimeError {}

/**
 * Names the rule and the fix; the host only, as paths and query strings may carry secrets. Never the address
 * a name resolved to: the connection check would otherwise let any bot owner look up internal host names.
 */
export const endpointRefused = (endpoint: URL, address: string): EndpointRefusedError => {
  const name = endpoint.hostname
  const what = isIP(name.replace(/^\[|\]$/g, ''))
    ? `${name} is a private address (${addressKind(address)})`
    : `${name} resolves to a private address (${addressKind(address)})`
  return new EndpointRefusedError(
    `Delivery to ${endpoint.host} refused (not retried): ${what}; use a public endpoint. ` +
      'The Response Endpoint URL must be publicly reachable from the internet.'
  )
}
