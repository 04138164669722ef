import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultReceiver, ok, type Behaviour } from './support/fault-receiver'
import { startStack, type Stack } from './support/stack'

// A mixed fault plan over many deliveries: prints the figures and checks that nothing is lost silently.
let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const DELIVERIES = 40
const FAILURE_5XX = 0.3
const TIMEOUTS = 0.1

/** Per attempt: 30 % answer 503, 10 % take the delivery but answer after the timeout, the rest 200. */
const mixed = (): Behaviour => {
  const draw = Math.random()
  if (draw < FAILURE_5XX) return { kind: 'answer', status: 503 }
  if (draw < FAILURE_5XX + TIMEOUTS) return { kind: 'late' }
  return ok
}

describe('mixed fault plan', () => {
  it('delivers each message at most once after deduplication, or fails it loudly within the budget', async () => {
    const receiver = await startFaultReceiver(mixed)
    const configuration = { responseEndpointURL: receiver.url, deliveryTimeoutSeconds: 1 }
    try {
      const results = await Promise.all(
        Array.from({ length: DELIVERIES }, (_, i) => stack.sendAsBot({ conversationId: `mixed-${i}`, configuration }))
      )
      const failed = results.filter((r) => r.answer.status !== 200)
      const delivered = results.filter((r) => r.answer.status === 200)
      for (const { message } of delivered) expect(receiver.accepted.has(message.id)).toBe(true)
      for (const { answer } of failed) {
        expect(JSON.parse(answer.body).message).toMatch(/^Delivery to .* failed after \d attempts? in/)
      }
      const longestFailure = Math.max(0, ...failed.map((r) => r.elapsedMs))
      expect(longestFailure).toBeLessThan(25_000)
      console.log(
        [
          `mixed fault plan (${FAILURE_5XX * 100} % 503, ${TIMEOUTS * 100} % late answers, 1 s timeout):`,
          `  delivered ${delivered.length}/${DELIVERIES} messages in ${receiver.attempts.length} attempts`,
          `  accepted by the deduplicating receiver: ${receiver.accepted.size}, duplicates it dropped: ${receiver.duplicates()}`,
          `  failed loudly: ${failed.length}, longest failing delivery: ${(longestFailure / 1000).toFixed(1)} s`,
        ].join('\n')
      )
      // A late answer means the receiver has the message although the sender gave up: never the reverse.
      expect(receiver.accepted.size).toBeGreaterThanOrEqual(delivered.length)
    } finally {
      await receiver.close()
    }
  }, 60_000)
})
