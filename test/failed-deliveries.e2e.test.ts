import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PAT, startStack, type Stack } from './support/stack'

// GET /deliveries?status=failed against the local cloud: the endpoint refuses 6 bot messages in 3 conversations.
let stack: Stack
beforeAll(async () => {
  stack = await startStack({ withEndpoint: true })
})
afterAll(() => stack.close())
afterEach(() => {
  stack.inbox.answerWith(200)
  vi.restoreAllMocks()
})

type Failed = { botpressMessageId: string; conversationId: string; failedAt: string; reason: string }
type Page = { deliveries: Failed[]; hasMore: boolean; cursor: string; error: { issues: { path: string }[] } }

const list = async (query: string) => {
  const response = await fetch(`${stack.cloud.webhookUrl(stack.installation)}/deliveries?${query}`, {
    headers: { authorization: `bearer ${PAT}` },
  })
  return { status: response.status, json: (await response.json()) as Page }
}

describe('GET /deliveries?status=failed', () => {
  it('lists exactly the bot messages whose delivery failed, oldest first, page after page by cursor', async () => {
    const delivered = await stack.sendAsBot({ conversationId: 'down-0', payload: { text: 'delivered' } })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // A status that is not retried: each delivery fails at once.
    stack.inbox.answerWith(400)
    const failed: string[] = []
    for (let n = 0; n < 6; n++) {
      const sent = await stack
        .sendAsBot({ conversationId: `down-${n % 3}`, payload: { text: `missed ${n}` } })
        .catch(() => undefined)
      const [message] = [...stack.store().messages.values()].filter((m) => m.payload.text === `missed ${n}`)
      failed.push(sent?.message.id ?? message!.id)
    }
    stack.inbox.answerWith(200)

    const whole = await list('status=failed')
    expect(whole.status).toBe(200)
    expect(whole.json.hasMore).toBe(false)
    const deliveries = whole.json.deliveries
    expect(deliveries.map((d) => d.botpressMessageId)).toEqual(failed)
    expect(deliveries.map((d) => d.conversationId)).toEqual([
      'down-0',
      'down-1',
      'down-2',
      'down-0',
      'down-1',
      'down-2',
    ])
    expect(deliveries[0]).toMatchObject({ failedAt: expect.any(String), reason: expect.stringContaining('HTTP 400') })
    expect(deliveries.map((d) => d.botpressMessageId)).not.toContain(delivered.message.id)

    const paged: string[] = []
    for (let after: string | undefined, reads = 0; reads < 10; reads++) {
      stack.cloud.api.resetCalls()
      const { json } = await list(`status=failed&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`)
      expect(stack.cloud.api.totalCalls).toBeLessThanOrEqual(20)
      paged.push(...json.deliveries.map((d) => d.botpressMessageId))
      if (!json.hasMore) break
      after = json.cursor
    }
    expect(paged).toEqual(failed)
  })

  it('400 invalid_query without status=failed, naming it', async () => {
    for (const query of ['', 'status=delivered', 'status=failed&status=failed']) {
      const { status, json } = await list(query)
      expect(status).toBe(400)
      expect(json.error.issues.map((i) => i.path)).toEqual(['status'])
    }
  })
})
