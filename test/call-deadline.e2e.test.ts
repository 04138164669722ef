import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NO_FAULTS } from '../dev/cloud/faults'
import { DEFAULT_POLICY } from '../src/outbound/delivery-settings'
import { fromBotpressError } from '../src/botpress/botpress-errors'
import { CALL_BUDGETS_MS, withinBudget } from '../src/botpress/call-deadline'
import { ClientPool } from '../src/botpress/client-pool'
import { PAT, startStack, type Stack } from './support/stack'

// Botpress cuts an integration call at 60 s. The Botpress calls of one operation end within its budget, whatever
// Botpress's latency: checked here with small budgets against a slow local cloud, through the pooled clients.
let stack: Stack
let pool: ClientPool

beforeAll(async () => {
  stack = await startStack()
  pool = new ClientPool()
})
afterAll(() => stack.close())
beforeEach(() => {
  stack.cloud.api.faults = { ...NO_FAULTS }
  stack.cloud.api.resetCalls()
})

const client = () => pool.clientFor(PAT, stack.installation)
const listUsers = () => client().listUsers({})

/** How a call ended, and when. */
const timed = async (call: () => Promise<unknown>) => {
  const startedAt = Date.now()
  const outcome = await call().then(
    () => 'answered',
    (thrown: unknown) => fromBotpressError('listing users', thrown)
  )
  return { outcome, elapsedMs: Date.now() - startedAt }
}

describe("a Botpress call ends within its operation's budget", () => {
  it('is cut at the budget when Botpress answers late, and answers 502 saying so', async () => {
    stack.cloud.api.faults.latencyMs = 3_000
    const { outcome, elapsedMs } = await timed(() => withinBudget(500, listUsers))
    console.log(`a call to a Botpress answering in 3 s, within a 500 ms budget, ended after ${elapsedMs} ms`)
    expect(elapsedMs).toBeLessThan(1_500)
    expect(outcome).toMatchObject({ status: 502, code: 'botpress_unreachable' })
    expect((outcome as Error).message).toContain('no answer within the time left to this request')
  })

  it('bounds the calls one after the other by what is left, not each by the whole budget', async () => {
    stack.cloud.api.faults.latencyMs = 400
    const { outcome, elapsedMs } = await timed(() =>
      withinBudget(1_000, async () => {
        for (let i = 0; i < 5; i++) await listUsers()
      })
    )
    expect(outcome).toMatchObject({ code: 'botpress_unreachable' })
    expect(elapsedMs).toBeLessThan(2_000)
    expect(stack.cloud.api.calls.get('listUsers')).toBeLessThanOrEqual(3)
  })

  it('makes no call once the budget is spent', async () => {
    const { outcome } = await timed(() =>
      withinBudget(50, async () => {
        await new Promise((resolve) => setTimeout(resolve, 100))
        await listUsers()
      })
    )
    expect(outcome).toMatchObject({ code: 'botpress_unreachable' })
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it('leaves a call outside any operation, or within its budget, alone', async () => {
    stack.cloud.api.faults.latencyMs = 300
    expect((await timed(listUsers)).outcome).toBe('answered')
    expect((await timed(() => withinBudget(5_000, listUsers))).outcome).toBe('answered')
  })
})

describe("every operation's budget ends well inside Botpress's 60 s", () => {
  it('a webhook request, a waited one included; an action; sendEvent with its delivery; the connection check', () => {
    expect(CALL_BUDGETS_MS.webhook).toBeLessThanOrEqual(45_000)
    expect(CALL_BUDGETS_MS.action).toBeLessThanOrEqual(45_000)
    expect(CALL_BUDGETS_MS.beforeDelivery + DEFAULT_POLICY.budgetMs).toBeLessThanOrEqual(45_000)
    // A bot message's delivery (retries included), and the one attempt of the connection check (at most 15 s).
    expect(DEFAULT_POLICY.budgetMs).toBeLessThanOrEqual(45_000)
  })
})
