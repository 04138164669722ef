import type { LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { Socket, type TcpNetConnectOpts } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readDeliverySettings } from '../src/outbound/delivery-settings'
import { ALLOW_PRIVATE_ENDPOINTS, deliveryAgents, EndpointRefusedError } from '../src/outbound/address-filter'
import { deliver } from '../src/outbound/deliver'

// Inside addresses other than loopback must never be connected to from this machine, so these tests never
// connect at all: the agents' own connect step (what runs once the filter lets an address through) is
// replaced by a stub that records the destination and fails. A refused address never reaches it.
let connects: string[]
let captured: TcpNetConnectOpts[]

beforeEach(() => {
  delete process.env[ALLOW_PRIVATE_ENDPOINTS]
  connects = []
  captured = []
  for (const Agent of [http.Agent, https.Agent]) {
    vi.spyOn(Agent.prototype, 'createConnection').mockImplementation((options) => {
      connects.push(String(options.host))
      captured.push(options as TcpNetConnectOpts)
      const socket = new Socket().on('error', () => {}) // the request sees it destroyed; nothing else listens
      process.nextTick(() => socket.destroy(new Error('stubbed connection: nothing left this process')))
      return socket
    })
  }
})
afterEach(() => {
  vi.restoreAllMocks()
})

const SECRET = `whsec_${Buffer.from('s'.repeat(32)).toString('base64')}`

const deliverTo = (responseEndpointURL: string, maxDeliveryAttempts = 6) =>
  deliver(
    readDeliverySettings({
      responseEndpointURL,
      signingSecret: SECRET,
      deliveryHeaders: [{ name: 'x-api-key', value: 'header-secret-value' }],
      maxDeliveryAttempts,
    }),
    { id: 'msg_1', body: { type: 'text', payload: { text: 'hi' } } }
  )

describe('a delivery to an inside address, however spelled, is refused before any connection', () => {
  it.each([
    ['http://10.0.0.1/hook', '10.0.0.1', 'private network'],
    ['http://10.1/hook', '10.0.0.1', 'private network'],
    ['http://167772161/hook', '10.0.0.1', 'private network'],
    ['http://172.16.0.1/hook', '172.16.0.1', 'private network'],
    ['http://172.31.255.254/hook', '172.31.255.254', 'private network'],
    ['http://192.168.1.1/hook', '192.168.1.1', 'private network'],
    ['http://0xc0a80101/hook', '192.168.1.1', 'private network'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://2852039166/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://0xa9fea9fe/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://0251.0376.0251.0376/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://169.254.43518/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://100.64.0.1/hook', '100.64.0.1', 'carrier-grade NAT'],
    ['http://100.127.255.254/hook', '100.127.255.254', 'carrier-grade NAT'],
    ['http://0.0.0.0/hook', '0.0.0.0', 'unspecified'],
    ['http://0/hook', '0.0.0.0', 'unspecified'],
    ['http://[::]/hook', '::', 'unspecified'],
    ['http://[fc00::1]/hook', 'fc00::1', 'private network'],
    ['http://[fd12:3456:789a::1]/hook', 'fd12:3456:789a::1', 'private network'],
    ['http://[fe80::1]/hook', 'fe80::1', 'link-local'],
    ['http://[::ffff:10.0.0.1]/hook', '::ffff:a00:1', 'private network'],
    ['http://[::ffff:192.168.1.1]/hook', '::ffff:c0a8:101', 'private network'],
    ['http://[::ffff:169.254.169.254]/hook', '::ffff:a9fe:a9fe', 'link-local'],
    ['http://[::ffff:100.64.0.1]/hook', '::ffff:6440:1', 'carrier-grade NAT'],
    ['http://[::ffff:0.0.0.0]/hook', '::ffff:0:0', 'unspecified'],
    ['http://192.0.2.1/hook', '192.0.2.1', 'reserved'],
    ['http://198.18.0.1/hook', '198.18.0.1', 'reserved'],
    ['http://240.0.0.1/hook', '240.0.0.1', 'reserved'],
    ['http://224.0.0.1/hook', '224.0.0.1', 'multicast'],
    ['http://255.255.255.255/hook', '255.255.255.255', 'broadcast'],
    ['http://[64:ff9b::a00:1]/hook', '64:ff9b::a00:1', 'reserved'],
    ['http://[2002:a00:1::]/hook', '2002:a00:1::', 'reserved'],
    ['http://[ff02::1]/hook', 'ff02::1', 'multicast'],
    ['http://[::7f00:1]/hook', '::7f00:1', 'IPv4-compatible IPv6'],
    ['http://[::127.0.0.1]/hook', '::7f00:1', 'IPv4-compatible IPv6'],
    ['http://[::a9fe:a9fe]/hook', '::a9fe:a9fe', 'IPv4-compatible IPv6'],
    ['http://[fec0::1]/hook', 'fec0::1', 'site-local'],
    ['http://[feff:ffff::1]/hook', 'feff:ffff::1', 'site-local'],
    ['https://10.0.0.1/hook', '10.0.0.1', 'private network'],
    ['https://[::ffff:169.254.169.254]/hook', '::ffff:a9fe:a9fe', 'link-local'],
  ])('%s (%s, %s)', async (url, _address, kind) => {
    const startedAt = Date.now()
    const error = await deliverTo(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EndpointRefusedError)
    const message = (error as Error).message
    expect(message).toContain(`is a private address (${kind}); use a public endpoint`)
    expect(message).toContain('not retried')
    expect(message).not.toMatch(/hook|meta-data|header-secret-value|whsec_/)
    expect(Date.now() - startedAt).toBeLessThan(1_000)
    expect(connects).toEqual([])
  })

  it('lets a public address through to the connect step (so the tests above cannot pass by refusing everything)', async () => {
    const error = await deliverTo('http://93.184.216.34/hook', 1).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(EndpointRefusedError)
    expect((error as Error).message).toContain('network error')
    expect(connects[0]).toBe('93.184.216.34')
  })

  it('uses no filter when the process allows private endpoints', () => {
    process.env[ALLOW_PRIVATE_ENDPOINTS] = 'true'
    expect(deliveryAgents()).toEqual({})
    process.env[ALLOW_PRIVATE_ENDPOINTS] = 'yes'
    expect(deliveryAgents()).not.toEqual({})
  })
})

/** A resolver that answers `addresses` for any name, like DNS pointing a public-looking name inside. */
const resolver =
  (addresses: LookupAddress[]) =>
  (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all ? callback(null, addresses) : callback(null, addresses[0]?.address, addresses[0]?.family)

/** What the filtering agent's lookup yields for `host` when DNS answers `addresses`. */
const resolveThrough = (agent: http.Agent, addresses: LookupAddress[], all: boolean) =>
  new Promise<{ error: Error | null; result: unknown }>((resolve) => {
    agent.createConnection({ host: 'hooks.example.com', port: 443, lookup: resolver(addresses) } as never, () => {})
    const { lookup } = captured.at(-1) as Required<TcpNetConnectOpts>
    lookup('hooks.example.com', { all }, (error: Error | null, result: unknown) => resolve({ error, result }))
  })

describe('a host name is checked on the address it resolves to, at connect time', () => {
  const { httpAgent, httpsAgent } = deliveryAgents() as { httpAgent: http.Agent; httpsAgent: http.Agent }

  it.each([
    ['169.254.169.254', 4],
    ['10.0.0.1', 4],
    ['127.0.0.1', 4],
    ['100.100.100.200', 4],
    ['::1', 6],
    ['fd00::1', 6],
    ['::ffff:10.0.0.1', 6],
    ['::7f00:1', 6],
    ['fec0::1', 6],
  ])('refuses a name resolving to %s (one answer and all answers, http and https)', async (address, family) => {
    for (const agent of [httpAgent, httpsAgent]) {
      for (const all of [false, true]) {
        const { error } = await resolveThrough(agent, [{ address, family }], all)
        expect(error?.message).toMatch(/is not allowed/)
      }
    }
  })

  it('refuses a name when any of its addresses is inside', async () => {
    const addresses = [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ]
    const { error } = await resolveThrough(httpsAgent, addresses, true)
    expect(error?.message).toMatch(/10\.0\.0\.1.*is not allowed/)
  })

  it('passes a name resolving to a public address on to the connection', async () => {
    const { error, result } = await resolveThrough(httpAgent, [{ address: '93.184.216.34', family: 4 }], true)
    expect(error).toBeNull()
    expect(result).toEqual([{ address: '93.184.216.34', family: 4 }])
  })
})
