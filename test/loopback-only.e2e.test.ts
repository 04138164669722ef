import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { createPlayground, PLAYGROUND_PATH } from '../dev/playground/playground'
import { listeningSockets } from './support/listening-sockets'
import { startStack, type Stack } from './support/stack'

// The local stack has no authentication and lets the integration reach private endpoints: nothing of it may be
// reachable from the network, nor readable by a web page that re-points its own host name at 127.0.0.1.
const TOKEN = 'local-token-for-the-host-test'
let stack: Stack
let cloud: LocalCloud
let port: number

beforeAll(async () => {
  stack = await startStack({ withBot: true })
  const playground = createPlayground({
    webhookUrl: () => `${cloud.url}/webhooks/demo`,
    token: TOKEN,
    replies: 'endpoint',
  })
  cloud = new LocalCloud({
    integrationUrl: stack.integrationUrl,
    runtimeToken: 'runtime',
    personalAccessTokens: [TOKEN],
    routes: { [PLAYGROUND_PATH]: playground.route },
  })
  port = Number(new URL(await cloud.start()).port)
})
afterAll(async () => {
  await cloud?.stop()
  await stack?.close()
})

/** GETs `path` from the local cloud with this Host header: the status and the start of the answer. */
const getAs = (host: string, path: string) =>
  new Promise<{ status: number; start: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode ?? 0, start: chunk.toString() })
        req.destroy() // the event stream never ends
      })
    })
    req.on('error', reject).end()
  })

describe('everything the tests start listens on 127.0.0.1 only', () => {
  it('the integration, the local clouds, the inbox and the demo bot', () => {
    const sockets = listeningSockets([process.pid])
    console.log(`the test stack listens on ${sockets.join(', ')}`)
    expect(sockets.length).toBeGreaterThanOrEqual(5)
    expect(sockets.filter((socket) => !socket.startsWith('127.0.0.1:'))).toEqual([])
  })
})

describe('the local cloud answers only under its own address', () => {
  it.each([PLAYGROUND_PATH, `${PLAYGROUND_PATH}/events`, '/health', '/webhooks/demo'])(
    'refuses %s to a request naming another host (DNS rebinding), without the token',
    async (path) => {
      for (const host of [`rebind.example:${port}`, 'rebind.example', `127.0.0.1:${port + 1}`]) {
        const { status, start } = await getAs(host, path)
        expect(status).toBe(403)
        expect(start).toContain(`http://127.0.0.1:${port}`)
        expect(start).not.toContain(TOKEN)
      }
    }
  )

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST'])('serves the page and its stream as %s', async (name) => {
    expect((await getAs(`${name}:${port}`, PLAYGROUND_PATH)).status).toBe(200)
    const stream = await getAs(`${name}:${port}`, `${PLAYGROUND_PATH}/events`)
    expect(stream.status).toBe(200)
  })
})

describe('the integration and the demo bot answer only under their own address', () => {
  /** A POST to a server of the stack with this Host header: its status and the start of the answer. */
  const postAs = (url: string, host: string) =>
    new Promise<{ status: number; start: string }>((resolve, reject) => {
      const { port: target } = new URL(url)
      const req = request(
        { host: '127.0.0.1', port: Number(target), path: '/', method: 'POST', headers: { host } },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, start: body }))
        }
      )
      req.on('error', reject).end('{}')
    })

  it.each(['integration', 'demo bot'] as const)(
    'the %s refuses a request naming another host (DNS rebinding)',
    async (which) => {
      const url = which === 'integration' ? stack.integrationUrl : stack.botUrl!
      const { port: own } = new URL(url)
      for (const host of [`rebind.example:${own}`, 'rebind.example']) {
        const { status, start } = await postAs(url, host)
        expect(status).toBe(403)
        expect(start).toContain(`http://127.0.0.1:${own}`)
      }
      // Under its own address the server answers as before (here the SDK refuses a call with no operation).
      expect((await postAs(url, `127.0.0.1:${own}`)).status).not.toBe(403)
    }
  )
})
