import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFaultReceiver, ok, type Behaviour } from './support/fault-receiver'
import { startStack, type Stack } from './support/stack'

// Deliveries against a programmable endpoint: retries, timeouts, Retry-After, signatures and headers.
let stack: Stack
let receiver: Awaited<ReturnType<typeof startFaultReceiver>> | undefined

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())
afterEach(async () => {
  await receiver?.close()
  receiver = undefined
})

const BUDGET_MS = 25_000
const SHORT_TIMEOUT = { deliveryTimeoutSeconds: 1 }
const SECRET = `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`
let counter = 0

/**
 * Sends one bot message to a fault receiver following `plan`. The 5 s attempt timeout leaves a loaded machine room
 * to answer in time; the tests of hangs pass SHORT_TIMEOUT to keep them short.
 */
const deliverThrough = async (plan: (attempt: number) => Behaviour, settings: Record<string, unknown> = {}) => {
  receiver = await startFaultReceiver(plan)
  const configuration = { responseEndpointURL: receiver.url, deliveryTimeoutSeconds: 5, ...settings }
  const sent = await stack.sendAsBot({ conversationId: `fault-${++counter}`, configuration })
  return { ...sent, receiver }
}

/** Fails the first attempt with `status`, then accepts. */
const failing =
  (status: number, headers?: Record<string, string>) =>
  (attempt: number): Behaviour =>
    attempt === 1 ? { kind: 'answer', status, headers } : ok

describe('retries: each case delivered exactly once, or failed with the documented error in budget', () => {
  it.each([
    ['500', failing(500), {}],
    ['503', failing(503), {}],
    ['408', failing(408), {}],
    ['a hang past the timeout', (n: number) => (n === 1 ? ({ kind: 'hang' } as Behaviour) : ok), SHORT_TIMEOUT],
    ['a connection reset', (n: number) => (n === 1 ? ({ kind: 'reset' } as Behaviour) : ok), {}],
  ])('retries after %s and delivers once', async (_name, plan, settings) => {
    const { answer, receiver, message } = await deliverThrough(plan, settings)
    expect(answer.status).toBe(200)
    expect(receiver.attempts).toHaveLength(2)
    expect([...receiver.accepted.keys()]).toEqual([message.id])
    expect(new Set(receiver.attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([message.id]))
  })

  it('delivers a slow answer that comes in time, in one attempt', async () => {
    const { answer, receiver } = await deliverThrough(() => ({ kind: 'slow', ms: 600 }))
    expect(answer.status).toBe(200)
    expect(receiver.attempts).toHaveLength(1)
  })

  it('honours Retry-After on 429', async () => {
    const { answer, receiver } = await deliverThrough(failing(429, { 'retry-after': '1' }))
    expect(answer.status).toBe(200)
    const [first, second] = receiver.attempts
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000)
  })

  it('does not wait for a Retry-After beyond the budget, and says so', async () => {
    const { answer, receiver, elapsedMs } = await deliverThrough(failing(429, { 'retry-after': '120' }))
    expect(receiver.attempts).toHaveLength(1)
    expect(JSON.parse(answer.body).message).toMatch(/after 1 attempt in .* s: the endpoint answered HTTP 429/)
    expect(elapsedMs).toBeLessThan(10_000)
  })

  it.each([400, 401, 404, 410, 422])('does not retry a %i: the endpoint said no', async (status) => {
    const { answer, receiver } = await deliverThrough(() => ({ kind: 'answer', status }))
    expect(receiver.attempts).toHaveLength(1)
    expect(JSON.parse(answer.body).message).toContain(`HTTP ${status} (not retried`)
  })

  it('fails after every attempt with the last status, the attempts and the host', async () => {
    const { answer, receiver, elapsedMs } = await deliverThrough(() => ({ kind: 'answer', status: 503 }))
    expect(answer.status).toBe(400)
    expect(receiver.attempts).toHaveLength(4)
    expect(receiver.accepted.size).toBe(0)
    const { message } = JSON.parse(answer.body)
    expect(message).toMatch(
      /^Delivery to 127\.0\.0\.1:\d+ failed after 4 attempts in \d+\.\d s: the endpoint answered HTTP 503\.$/
    )
    expect(elapsedMs).toBeLessThan(BUDGET_MS)
  })

  it('fails on an endpoint that always hangs within the budget, naming the timeout', async () => {
    const { answer, receiver, elapsedMs } = await deliverThrough(() => ({ kind: 'hang' }), SHORT_TIMEOUT)
    expect(receiver.attempts).toHaveLength(4)
    expect(JSON.parse(answer.body).message).toMatch(/after 4 attempts .*: no answer within 1000 ms/)
    expect(elapsedMs).toBeLessThan(BUDGET_MS)
  }, 30_000)

  it('spaces the attempts with growing backoff', async () => {
    const { receiver } = await deliverThrough(() => ({ kind: 'answer', status: 500 }))
    const gaps = receiver.attempts.slice(1).map((a, i) => a.at - receiver.attempts[i]!.at)
    expect(gaps[0]).toBeGreaterThanOrEqual(250)
    expect(gaps[1]).toBeGreaterThanOrEqual(500)
    expect(gaps[2]).toBeGreaterThanOrEqual(1000)
  })

  it('makes only the configured attempts (clamped)', async () => {
    const one = await deliverThrough(() => ({ kind: 'answer', status: 500 }), { maxDeliveryAttempts: 1 })
    expect(one.receiver.attempts).toHaveLength(1)
    await receiver?.close()
    const many = await deliverThrough(() => ({ kind: 'answer', status: 500 }), { maxDeliveryAttempts: 50 })
    expect(many.receiver.attempts).toHaveLength(6)
  }, 30_000)
})

describe('signatures (Standard Webhooks)', () => {
  it('signs every attempt so the standardwebhooks verifier accepts it, with one webhook-id', async () => {
    const { receiver, message } = await deliverThrough(failing(500), { signingSecret: SECRET })
    const verifier = new Webhook(SECRET)
    expect(receiver.attempts).toHaveLength(2)
    for (const attempt of receiver.attempts) {
      const headers = attempt.headers as Record<string, string>
      expect(headers['webhook-id']).toBe(message.id)
      expect(headers['webhook-signature']).toMatch(/^v1,/)
      expect(verifier.verify(attempt.raw, headers)).toMatchObject({ botpressMessageId: message.id })
    }
  })

  it('is rejected by the verifier for a tampered body, another secret or an old timestamp', async () => {
    const { receiver } = await deliverThrough(() => ok, { signingSecret: SECRET })
    const [attempt] = receiver.attempts
    const headers = attempt!.headers as Record<string, string>
    const verifier = new Webhook(SECRET)
    expect(() => verifier.verify(attempt!.raw.replace('a reply', 'a lie'), headers)).toThrow()
    expect(() =>
      new Webhook(`whsec_${Buffer.from('b'.repeat(32)).toString('base64')}`).verify(attempt!.raw, headers)
    ).toThrow()
    const old = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 600) }
    expect(() => verifier.verify(attempt!.raw, old)).toThrow(/timestamp/i)
  })

  it('sends webhook-id and webhook-timestamp without a secret, and no signature', async () => {
    const { receiver, message } = await deliverThrough(() => ok)
    const headers = receiver.attempts[0]!.headers
    expect(headers['webhook-id']).toBe(message.id)
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5)
    expect(headers['webhook-signature']).toBeUndefined()
  })
})

describe('delivery headers', () => {
  it('sends the configured headers with every delivery', async () => {
    const { receiver } = await deliverThrough(() => ok, {
      deliveryHeaders: [
        { name: 'X-Api-Key', value: 'key-123' },
        { name: 'authorization', value: 'Bearer abc' },
      ],
    })
    expect(receiver.attempts[0]!.headers).toMatchObject({ 'x-api-key': 'key-123', authorization: 'Bearer abc' })
  })

  it('never logs or returns a header value in a failure', async () => {
    const { answer } = await deliverThrough(() => ({ kind: 'answer', status: 403 }), {
      deliveryHeaders: [{ name: 'X-Api-Key', value: 'very-secret-key' }],
      signingSecret: SECRET,
    })
    expect(answer.body).not.toContain('very-secret-key')
    expect(answer.body).not.toContain(SECRET)
  })
})
