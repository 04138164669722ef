import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { claimPort, startServerProcess } from '../dev/child-process'
import type { Installation } from '../dev/cloud/integration-driver'
import { integrationErrorMessage } from '../dev/cloud/integration-driver'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { close } from '../dev/http/listen'
import { CHANNEL } from '../definitions/name'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'

// The built bundle, in its own process as Botpress runs it, once without and once with the variable that
// allows private endpoints. Every endpoint here is on this machine (127.0.0.1 or ::1): nothing else is
// ever contacted. Inside addresses that are not loopback are covered by test/address-filter.test.ts.

/** A response endpoint on `host` that counts what reaches it. */
const startReceiver = async (host: string) => {
  const received: string[] = []
  const server: Server = createServer((req, res) => {
    req.resume().on('end', () => {
      received.push(String(req.headers['webhook-id']))
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((done) => server.listen(0, host, done))
  return { received, port: (server.address() as AddressInfo).port, close: () => close(server) }
}

const RUNTIME_TOKEN = 'runtime_token_private_endpoints'

/** The bundle behind its own local cloud, with private endpoints allowed or not. */
const startIntegration = async (allowPrivate: boolean) => {
  const cloudPort = await claimPort(0, 'local cloud')
  const server = await startServerProcess({
    name: 'integration',
    port: 0,
    args: [resolve(__dirname, '..', 'dev', 'serve-integration.js')],
    env: {
      BP_API_URL: `http://127.0.0.1:${cloudPort}`,
      BP_TOKEN: RUNTIME_TOKEN,
      [ALLOW_PRIVATE_ENDPOINTS]: allowPrivate ? 'true' : '',
    },
    log: () => {},
  })
  const cloud = new LocalCloud({
    integrationUrl: server.url,
    runtimeToken: RUNTIME_TOKEN,
    personalAccessTokens: [],
    onProblem: () => {},
  })
  await cloud.start(cloudPort)
  return { cloud, stop: () => Promise.all([cloud.stop(), server.stop()]) }
}

type Integration = Awaited<ReturnType<typeof startIntegration>>

let v4: Awaited<ReturnType<typeof startReceiver>>
let v6: Awaited<ReturnType<typeof startReceiver>>
let guarded: Integration
let allowing: Integration

beforeAll(async () => {
  ;[v4, v6, guarded, allowing] = await Promise.all([
    startReceiver('127.0.0.1'),
    startReceiver('::1'),
    startIntegration(false),
    startIntegration(true),
  ])
}, 120_000)
afterAll(async () => {
  await Promise.all([guarded?.stop(), allowing?.stop(), v4?.close(), v6?.close()])
})
beforeEach(() => {
  v4.received.length = 0
  v6.received.length = 0
})

/** Every spelling of this machine's own addresses a bot owner might try, with the address each names. */
const FORMS: [string, (ports: { v4: number; v6: number }) => string][] = [
  ['127.0.0.1', ({ v4 }) => `http://127.0.0.1:${v4}/hook`],
  ['localhost', ({ v4 }) => `http://localhost:${v4}/hook`],
  ['127.1', ({ v4 }) => `http://127.1:${v4}/hook`],
  ['2130706433', ({ v4 }) => `http://2130706433:${v4}/hook`],
  ['0x7f000001', ({ v4 }) => `http://0x7f000001:${v4}/hook`],
  ['0177.0.0.1', ({ v4 }) => `http://0177.0.0.1:${v4}/hook`],
  ['0x7f.1', ({ v4 }) => `http://0x7f.1:${v4}/hook`],
  ['[::1]', ({ v6 }) => `http://[::1]:${v6}/hook`],
  ['[::ffff:127.0.0.1]', ({ v4 }) => `http://[::ffff:127.0.0.1]:${v4}/hook`],
]
const urlOf = (form: (typeof FORMS)[number][1]) => form({ v4: v4.port, v6: v6.port })

/** A bot message in a conversation the Messaging API made, as `message_created` carries it. */
const botMessage = (install: Installation) => ({
  conversation: { id: 'conv_private_endpoints', channel: CHANNEL, tags: { id: 'chat-1' } },
  user: { id: install.botUserId },
  message: { id: `msg_${Math.random().toString(36).slice(2)}`, type: 'text', payload: { text: 'hi' }, createdAt: '' },
})

/** An installation as the cloud keeps it, without `register` (so a delivery can be tried on its own). */
const installation = (configuration: Record<string, unknown>): Installation => ({
  botId: 'bot_private',
  botUserId: 'bot_private_user',
  integrationId: 'intver_messaging-api',
  webhookId: 'private-endpoints',
  configuration,
})

const SECRET = `whsec_${Buffer.from('p'.repeat(32)).toString('base64')}`
/** Secrets in every place a configuration can hold them: none may appear in a refusal. */
const withSecrets = (url: string) => ({
  responseEndpointURL: `${url}?token=query-secret-value`,
  signingSecret: SECRET,
  deliveryHeaders: [{ name: 'x-api-key', value: 'header-secret-value' }],
  maxDeliveryAttempts: 6,
})

const REFUSAL = /refused \(not retried\): .*(is|resolves to) a private address \(.*loopback\); use a public endpoint/

describe('by default, deliveries to this machine are refused however the address is spelled', () => {
  it.each(FORMS)('%s: the install check fails naming the rule, and nothing is sent', async (_name, form) => {
    const configuration = withSecrets(urlOf(form))
    const failure = await guarded.cloud.install({ configuration }).catch((e: Error) => e.message)
    expect(failure).toMatch(REFUSAL)
    expect(failure).toContain('publicly reachable')
    expect(failure).not.toMatch(/hook|query-secret-value|header-secret-value|whsec_/)
    expect(v4.received).toEqual([])
    expect(v6.received).toEqual([])
  })

  it.each(FORMS)('%s: a delivery fails at once, without retries, and nothing is sent', async (_name, form) => {
    const install = installation(withSecrets(urlOf(form)))
    const startedAt = Date.now()
    const answer = await guarded.cloud.driver.messageCreated(install, botMessage(install))
    const elapsedMs = Date.now() - startedAt
    expect(answer.status).toBe(400)
    const message = integrationErrorMessage(answer)
    expect(message).toMatch(REFUSAL)
    expect(message).not.toMatch(/hook|query-secret-value|header-secret-value|whsec_/)
    // No retry: three would wait at least 1.75 s of backoff (250, 500 and 1,000 ms, the halves of its jitter).
    expect(elapsedMs).toBeLessThan(1_750)
    expect(v4.received).toEqual([])
    expect(v6.received).toEqual([])
  })

  it('names the rule and the host, never the address a host name resolved to', async () => {
    const configuration = { responseEndpointURL: `http://localhost:${v4.port}/hook` }
    const delivery = integrationErrorMessage(
      await guarded.cloud.driver.messageCreated(installation(configuration), botMessage(installation(configuration)))
    )
    const check = await guarded.cloud.install({ configuration }).catch((e: Error) => e.message)
    for (const message of [delivery, check]) {
      expect(message).toMatch(
        /Delivery to localhost:\d+ refused \(not retried\): localhost resolves to a private address \(loopback\); use a public endpoint/
      )
      expect(message).not.toMatch(/127\.0\.0\.1|::1|0:0:0:0/)
    }
  })
})

describe(`with ${ALLOW_PRIVATE_ENDPOINTS}=true in the integration's process, the same endpoints work`, () => {
  it.each(FORMS)('%s: installs and receives the delivery', async (_name, form) => {
    const configuration = withSecrets(urlOf(form))
    const install = await allowing.cloud.install({ configuration })
    const answer = await allowing.cloud.driver.messageCreated(install, botMessage(install))
    expect(answer.status).toBe(200)
    const received = [...v4.received, ...v6.received]
    expect(received).toHaveLength(2) // the connection check, then the message
    expect(received[0]).toMatch(/^ping_/)
  })
})
