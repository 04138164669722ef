import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, readDeliverySettings } from '../src/outbound/delivery-settings'
import { buildDelivery } from '../src/envelope'
import { deliver } from '../src/outbound/deliver'
import { startFaultReceiver, type Behaviour } from './support/fault-receiver'
import { startStack, type Stack } from './support/stack'

// Endpoints that answer without end, fast or slowly: a delivery and the connection check must still end on
// their deadline and hold no more than a few KiB of the answer. Every figure is printed: the machine is noisy.
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

const MiB = 1024 * 1024
/** A 1 s attempt timeout and a small budget: the delivery must be over within it, whatever the endpoint does. */
const POLICY = { ...DEFAULT_POLICY, attemptTimeoutMs: 1_000, budgetMs: 4_000 }
/** How late past its budget a delivery may end on a loaded machine. */
const MARGIN_MS = 2_000

/** What `work` came to: `delivered`, its error's message, or `still running` once `ms` have passed. */
const within = async (work: Promise<unknown>, ms: number): Promise<string> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)))
  const outcome = await Promise.race([
    work.then(
      () => 'delivered',
      (error: Error) => error.message
    ),
    late,
  ])
  clearTimeout(timer)
  return outcome
}

/** Runs `work` while sampling this process's resident memory; the peak growth over the start, in MiB. */
const measured = async <T>(label: string, work: () => Promise<T>) => {
  const before = process.memoryUsage.rss()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50)
  const startedAt = Date.now()
  try {
    const result = await work()
    const elapsedMs = Date.now() - startedAt
    const growthMiB = (Math.max(peak, process.memoryUsage.rss()) - before) / MiB
    console.log(`[hostile endpoint] ${label}: ${elapsedMs} ms, resident memory +${growthMiB.toFixed(1)} MiB`)
    return { result, elapsedMs, growthMiB }
  } finally {
    clearInterval(sampler)
  }
}

const BOT_MESSAGE = {
  type: 'text',
  payload: { text: 'hi' },
  conversation: { id: 'conv_hostile', tags: { id: 'chat-hostile' } },
  user: { id: 'user_bot' },
  message: { id: 'msg_hostile', createdAt: new Date().toISOString() },
}

/** One delivery to the current receiver, with POLICY: what it came to, or `still running` past its budget. */
const deliverOnce = () => {
  const settings = { ...readDeliverySettings({ responseEndpointURL: receiver!.url }), policy: POLICY }
  const delivery = deliver(settings, { id: `msg_${Date.now()}`, body: buildDelivery(BOT_MESSAGE) })
  return within(delivery, POLICY.budgetMs + MARGIN_MS)
}

const deliverTo = async (behaviour: Behaviour) => {
  receiver = await startFaultReceiver(() => behaviour)
  return deliverOnce()
}

describe('a delivery ends within its budget whatever the endpoint does', () => {
  it('an endpoint that trickles its headers: every attempt ends at its timeout, the delivery within the budget', async () => {
    const { result, elapsedMs } = await measured('headers trickling, 1 s attempts, 4 s budget', () =>
      deliverTo({ kind: 'trickle', where: 'head' })
    )
    expect(result).toMatch(/failed after \d attempts .*no answer within 1000 ms/)
    expect(receiver!.attempts.length).toBeGreaterThan(1)
    expect(elapsedMs).toBeLessThan(POLICY.budgetMs + MARGIN_MS)
  })

  it('an endpoint that answers 200 and trickles its body: delivered, in one attempt within its timeout', async () => {
    const { result, elapsedMs } = await measured('200 then a trickling body, 1 s attempts', () =>
      deliverTo({ kind: 'trickle', where: 'body' })
    )
    expect(result).toBe('delivered')
    expect(receiver!.attempts).toHaveLength(1)
    expect(elapsedMs).toBeLessThan(POLICY.attemptTimeoutMs + MARGIN_MS)
  })

  it('an endpoint that answers 503 with a body without end: retried, failed within the budget', async () => {
    const { result, elapsedMs, growthMiB } = await measured('503 then an endless body, 4 s budget', () =>
      deliverTo({ kind: 'endless', status: 503 })
    )
    expect(result).toMatch(/failed after \d attempts .*HTTP 503/)
    expect(elapsedMs).toBeLessThan(POLICY.budgetMs + MARGIN_MS)
    expect(growthMiB).toBeLessThan(48)
  })

  it('an endpoint that answers 200 with a body without end, 300 deliveries: resident memory stays flat', async () => {
    let deliveries = 0
    receiver = await startFaultReceiver(() => ({ kind: 'endless', status: 200 }))
    const { result, growthMiB } = await measured('200 then an endless body, 300 deliveries', async () => {
      for (; deliveries < 300; deliveries++) {
        const outcome = await deliverOnce()
        if (outcome !== 'delivered') return outcome
      }
      return 'delivered'
    })
    expect(result).toBe('delivered')
    expect(deliveries).toBe(300)
    expect(growthMiB).toBeLessThan(48)
  }, 30_000)
})

describe('the connection check ends on its one attempt, whatever the endpoint does', () => {
  /** Saves a configuration with a 1 s timeout: `delivered` when saving succeeds, else why it failed. */
  const check = async (behaviour: Behaviour) => {
    receiver = await startFaultReceiver(() => behaviour)
    const configuration = { responseEndpointURL: receiver.url, deliveryTimeoutSeconds: 1 }
    const saved = stack.cloud.driver
      .register({ ...stack.installation, configuration }, 'http://hook')
      .then((answer) => {
        if (answer.status !== 200) throw new Error(JSON.parse(answer.body).message)
      })
    return within(saved, 1_000 + MARGIN_MS)
  }

  it('headers trickling: refused after the 1 s timeout, naming it', async () => {
    const { result } = await measured('connection check, headers trickling', () =>
      check({ kind: 'trickle', where: 'head' })
    )
    expect(result).toMatch(/no answer within 1000 ms/)
  })

  it('200 and a body without end: accepted, memory flat', async () => {
    const { result, growthMiB } = await measured('connection check, 200 then an endless body', () =>
      check({ kind: 'endless', status: 200 })
    )
    expect(result).toBe('delivered')
    expect(growthMiB).toBeLessThan(48)
  })
})
