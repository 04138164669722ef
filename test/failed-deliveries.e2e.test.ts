import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PAT, startStack, type Stack } from './support/stack'

// The endpoint is down for 6 bot messages in 3 conversations: GET /deliveries?status=failed lists them, and
// POST /deliveries/redeliver sends them again once it is back, against the local cloud and a signing inbox.
const SIGNING_SECRET = `whsec_${randomBytes(32).toString('base64')}`
let stack: Stack
beforeAll(async () => {
  stack = await startStack({ withEndpoint: true, delivery: { signingSecret: SIGNING_SECRET } })
})
afterAll(() => stack.close())
afterEach(() => {
  stack.inbox.answerWith(200)
  vi.restoreAllMocks()
})

type Failed = { botpressMessageId: string; conversationId: string; failedAt: string; reason: string }
type Page = { deliveries: Failed[]; hasMore: boolean; cursor: string; error: { issues: { path: string }[] } }
type Result = { botpressMessageId: string; status: string; reason?: string }

const webhookUrl = () => stack.cloud.webhookUrl(stack.installation)

const list = async (query: string) => {
  const response = await fetch(`${webhookUrl()}/deliveries?${query}`, {
    headers: { authorization: `bearer ${PAT}` },
  })
  return { status: response.status, json: (await response.json()) as Page }
}

const redeliver = async (body: unknown) => {
  const response = await fetch(`${webhookUrl()}/deliveries/redeliver`, {
    method: 'POST',
    headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as { results: Result[]; error: { code: string; issues?: { path: string }[] } }
  return { status: response.status, json }
}

/** Sends a bot message while the endpoint refuses it (400 is final: no retry); its id. */
const sendRefused = async (conversationId: string, text: string) => {
  stack.inbox.answerWith(400)
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const sent = await stack.sendAsBot({ conversationId, payload: { text } }).catch(() => undefined)
  stack.inbox.answerWith(200)
  return sent?.message.id ?? [...stack.store().messages.values()].find((m) => m.payload.text === text)!.id
}

describe('failed deliveries, listed and sent again', () => {
  const failed: string[] = []
  let delivered: string

  it('lists exactly the bot messages whose delivery failed, oldest first, page after page by cursor', async () => {
    delivered = (await stack.sendAsBot({ conversationId: 'down-0', payload: { text: 'delivered' } })).message.id
    for (let n = 0; n < 6; n++) failed.push(await sendRefused(`down-${n % 3}`, `missed ${n}`))

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
    expect(deliveries.map((d) => d.botpressMessageId)).not.toContain(delivered)

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

  it('redelivers each once, oldest first, with its first webhook-id and body and a fresh signature', async () => {
    const firstAttempts = new Map(stack.inbox.entries.map((entry) => [entry.headers['webhook-id'], entry]))
    const since = stack.inbox.entries.length
    stack.cloud.api.resetCalls()
    // Asked newest first: delivered oldest first all the same, answered in the order asked.
    const asked = [...failed].reverse()
    const { status, json } = await redeliver({ botpressMessageIds: asked })

    expect(status).toBe(200)
    expect(json.results).toEqual(asked.map((id) => ({ botpressMessageId: id, status: 'delivered' })))
    const redelivered = stack.inbox.entries.slice(since)
    expect(redelivered.map((entry) => entry.headers['webhook-id'])).toEqual(failed)
    const verifier = new Webhook(SIGNING_SECRET)
    for (const entry of redelivered) {
      const first = firstAttempts.get(entry.headers['webhook-id'])!
      expect(first.status).toBe(400)
      expect(entry.raw).toBe(first.raw)
      expect(verifier.verify(entry.raw, entry.headers as Record<string, string>)).toEqual(first.body)
    }
    // One getMessage per id, one updateMessage per cleared mark.
    expect(stack.cloud.api.calls.get('getMessage')).toBe(6)
    expect(stack.cloud.api.calls.get('updateMessage')).toBe(6)
  })

  it('then lists nothing', async () => {
    const { json } = await list('status=failed')
    expect(json).toMatchObject({ deliveries: [], hasMore: false })
  })

  it('answers failed, with the reason, and keeps the message listed when the endpoint still refuses it', async () => {
    const refused = await sendRefused('down-3', 'refused twice')
    stack.inbox.answerWith(503)
    const { json } = await redeliver({ botpressMessageIds: [refused] })
    expect(json.results).toEqual([
      { botpressMessageId: refused, status: 'failed', reason: expect.stringContaining('HTTP 503') },
    ])
    stack.inbox.answerWith(200)
    const listed = await list('status=failed')
    expect(listed.json.deliveries.map((d) => [d.botpressMessageId, d.reason])).toEqual([
      [refused, expect.stringContaining('after 1 attempt')],
    ])
    expect((await redeliver({ botpressMessageIds: [refused] })).json.results[0]!.status).toBe('delivered')
  })

  it('sends only failed deliveries: not_found for what is not a bot message of this integration, not_failed for a delivered one', async () => {
    const user = [...stack.store().messages.values()].find((m) => m.direction === 'incoming')!
    const conversation = stack.store().getMessage(delivered).conversationId
    // A bot message the channel handler never tagged (another channel's, for instance).
    const untagged = stack.store().createMessage({
      type: 'text',
      payload: { text: 'elsewhere' },
      userId: stack.installation.botId,
      conversationId: conversation,
      tags: {},
      direction: 'outgoing',
    })
    const since = stack.inbox.entries.length
    stack.cloud.api.resetCalls()
    // Repeated ids are answered once, in the order first given.
    const ids = ['msg_unknown', user.id, untagged.id, delivered, failed[0]!, delivered]
    const { status, json } = await redeliver({ botpressMessageIds: ids })
    expect(status).toBe(200)
    expect(json.results.map((r) => [r.botpressMessageId, r.status])).toEqual([
      ['msg_unknown', 'not_found'],
      [user.id, 'not_found'],
      [untagged.id, 'not_found'],
      [delivered, 'not_failed'],
      [failed[0], 'not_failed'],
    ])
    expect(json.results.every((r) => r.reason)).toBe(true)
    expect(stack.inbox.entries.length).toBe(since)
    expect(stack.cloud.api.calls.get('getMessage')).toBe(5)
    expect(stack.cloud.api.calls.get('updateMessage')).toBeUndefined()
  })

  it('refuses a body without 1 to 20 ids, naming the field, and delivers nothing', async () => {
    const since = stack.inbox.entries.length
    const tooMany = Array.from({ length: 21 }, (_, n) => `msg_${n}`)
    for (const body of [{}, { botpressMessageIds: [] }, { botpressMessageIds: tooMany }, { botpressMessageIds: [1] }]) {
      const { status, json } = await redeliver(body)
      expect(status).toBe(400)
      expect(json.error.code).toBe('invalid_body')
      expect(json.error.issues!.map((i) => i.path)[0]).toMatch(/^botpressMessageIds/)
    }
    expect(stack.inbox.entries.length).toBe(since)
  })

  it('400 invalid_query without status=failed, naming it', async () => {
    for (const query of ['', 'status=delivered', 'status=failed&status=failed']) {
      const { status, json } = await list(query)
      expect(status).toBe(400)
      expect(json.error.issues.map((i) => i.path)).toEqual(['status'])
    }
  })
})

describe('POST /deliveries/redeliver once the Response Endpoint URL is gone', () => {
  it('answers 409 delivery_not_configured for a message listed as failed, and sends nothing', async () => {
    const bare = await startStack({ withEndpoint: false })
    try {
      const { message } = await bare.sendAsBot({ conversationId: 'gone-1', payload: { text: 'failed before' } })
      // Marked while the endpoint was set; the bot owner has removed it since.
      bare.store().updateMessage(message.id, { deliveryStatus: 'failed', deliveryFailedAt: new Date().toISOString() })
      const { status, json } = await bare.post({ botpressMessageIds: [message.id] }, { path: '/deliveries/redeliver' })
      expect(status).toBe(409)
      expect(json.error.code).toBe('delivery_not_configured')
      expect(bare.store().getMessage(message.id).tags.deliveryStatus).toBe('failed')
    } finally {
      await bare.close()
    }
  })
})
