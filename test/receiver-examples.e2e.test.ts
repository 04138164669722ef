import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimPort } from '../dev/child-process'
import { LOCAL_PAT, LOCAL_SIGNING_SECRET, localWebhookUrl, startLocalStack } from '../dev/local-stack'
import { childOutput } from './support/child-output'
import { openApiConformance } from './support/openapi-conformance'

// The receivers of examples/ as a user runs them, against `npm start`'s stack: the bot's reply reaches the
// receiver, which verifies it and answers through the webhook URL, and the bot echoes that answer back.
// The Python one needs Flask: examples/python/check.sh installs it and names the interpreter in RECEIVER_PYTHON.
const ROOT = resolve(__dirname, '..')
const EXAMPLES = [
  { name: 'node', command: process.execPath, script: 'examples/node/receiver.mjs', runs: true },
  {
    name: 'python',
    command: process.env.RECEIVER_PYTHON ?? 'python3',
    script: 'examples/python/receiver.py',
    runs: Boolean(process.env.RECEIVER_PYTHON),
  },
]

/** An example in its own process, with what it printed so far. */
const startReceiver = (command: string, script: string, env: Record<string, string>) => {
  const child = spawn(command, [script], { cwd: ROOT, env: { ...process.env, ...env } })
  const { waitFor, lines, output } = childOutput(child)
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
  return { waitFor, lines, stop, output }
}

const signer = new Webhook(LOCAL_SIGNING_SECRET)

/** A bot reply as the integration delivers it, signed with `npm start`'s secret (`at` decides the timestamp). */
const signedDelivery = (conversationId: string, text: string, at = new Date()) => {
  const id = `msg_${Math.random().toString(36).slice(2)}`
  const raw = JSON.stringify({
    type: 'text',
    payload: { text },
    conversationId,
    botpressUserId: 'bot_demo_local_messaging_api',
    botpressMessageId: id,
    botpressConversationId: 'conv_made_up_for_this_test_0000',
    createdAt: at.toISOString(),
  })
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(id, at, raw),
  }
  return { id, raw, headers }
}

for (const example of EXAMPLES) {
  describe.runIf(example.runs)(`the ${example.name} receiver example`, () => {
    let receiver: ReturnType<typeof startReceiver>
    let stack: Awaited<ReturnType<typeof startLocalStack>>
    let endpoint: string

    beforeAll(async () => {
      const [cloudPort, port] = [await claimPort(0, 'local cloud'), await claimPort(0, 'receiver')]
      endpoint = `http://127.0.0.1:${port}/botpress/replies`
      receiver = startReceiver(example.command, example.script, {
        WEBHOOK_URL: localWebhookUrl(cloudPort),
        TOKEN: LOCAL_PAT,
        SIGNING_SECRET: LOCAL_SIGNING_SECRET,
        PORT: String(port),
      })
      await receiver.waitFor(`Listening on ${endpoint}`)
      stack = await startLocalStack({
        cloudPort,
        inboxPort: 0,
        integrationPort: 0,
        responseEndpointURL: endpoint,
        log: () => {},
        onExchange: (exchange) => openApiConformance.answer(exchange),
      })
      // Installing checked the endpoint with a signed ping, which the receiver accepted.
      await receiver.waitFor('connection check received')
    }, 60_000)

    afterAll(async () => {
      await stack?.stop()
      await receiver?.stop()
    })

    const send = async (conversationId: string, text: string) => {
      const response = await fetch(stack.webhookUrl, {
        method: 'POST',
        headers: { authorization: `bearer ${LOCAL_PAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          userId: 'user-1',
          messageId: `${conversationId}-1`,
          conversationId,
          type: 'text',
          text,
        }),
      })
      expect(response.status).toBe(200)
    }

    it('gets the bot reply, answers through the webhook URL, and the bot answers that once', async () => {
      const conversationId = `loop-${example.name}`
      await send(conversationId, 'hello')
      await receiver.waitFor(`${conversationId} ← text {"text":"You said: hello"}`)
      await receiver.waitFor(`${conversationId} → "Thanks! The receiver got \\"You said: hello\\"": 200`)
      await receiver.waitFor(
        `${conversationId} ← text {"text":"You said: Thanks! The receiver got \\"You said: hello\\""}`
      )
      // Written once, as a user message whose messageId names the delivery it answers.
      const written = [...stack.cloud.store(stack.installation.botId).messages.values()].filter((m) =>
        m.tags.id?.startsWith('reply-to-')
      )
      expect(written.map((m) => [m.direction, m.payload.text])).toEqual([
        ['incoming', 'Thanks! The receiver got "You said: hello"'],
      ])
      // One answer per conversation: the echo of its answer does not start a ping-pong.
      await new Promise((r) => setTimeout(r, 1_000))
      expect(receiver.lines(`${conversationId} →`)).toHaveLength(1)
    }, 20_000)

    it('refuses a delivery whose signature or timestamp is wrong, and processes nothing of it', async () => {
      const forged = signedDelivery('forged', 'not from the bot')
      const wrongSignature = {
        ...forged.headers,
        'webhook-signature': `v1,${Buffer.from('x'.repeat(32)).toString('base64')}`,
      }
      const old = signedDelivery('replayed', 'an old delivery', new Date(Date.now() - 10 * 60_000))
      for (const [headers, raw] of [
        [wrongSignature, forged.raw],
        [old.headers, old.raw],
      ] as const) {
        expect((await fetch(endpoint, { method: 'POST', headers, body: raw })).status).toBe(400)
      }
      await receiver.waitFor('refused a delivery', { count: 2 })
      expect(receiver.lines('refused a delivery')).toHaveLength(2)
      expect(receiver.output()).not.toMatch(/(forged|replayed) ←/)
    })

    it('processes a delivery once, however often it comes', async () => {
      const delivery = signedDelivery(`twice-${example.name}`, 'sent twice')
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(endpoint, { method: 'POST', headers: delivery.headers, body: delivery.raw })
        expect(response.status).toBe(204)
      }
      await receiver.waitFor(`duplicate ${delivery.id}`)
      await receiver.waitFor(`twice-${example.name} → `)
      expect(receiver.lines(`twice-${example.name} ← text {"text":"sent twice"}`)).toHaveLength(1)
    })
  })
}
