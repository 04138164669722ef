import type { Message } from '@botpress/client'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { close, listen } from '../dev/http/listen'
import { FEED_TAG } from '../src/feed-tag'
import { withinBudget } from '../src/botpress/call-deadline'
import { redeliver, type RedeliveryClient } from '../src/inbound/write/redeliver'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'
import { redeliverOnce } from '../src/outbound/deliver'

// One deadline for the whole request: an endpoint that never answers takes the first attempt's time, and the
// messages after it are answered not_attempted, never delivered late or left hanging.
let endpoint: Server
const arrived: string[] = []
beforeAll(async () => {
  process.env[ALLOW_PRIVATE_ENDPOINTS] = 'true'
  endpoint = createServer((req) => arrived.push(String(req.headers['webhook-id']))) // never answers
  await listen(endpoint, 0, 'silent endpoint')
})
afterAll(async () => {
  delete process.env[ALLOW_PRIVATE_ENDPOINTS]
  await close(endpoint)
})

const botMessage = (id: string, createdAt: string): Message => ({
  id,
  createdAt,
  updatedAt: createdAt,
  type: 'text',
  payload: { text: id },
  direction: 'outgoing',
  userId: 'user_bot',
  conversationId: 'conv_1',
  tags: { ...FEED_TAG, conversationId: 'chat-1', deliveryStatus: 'failed' },
})

const storeOf = (messages: Message[]): RedeliveryClient & { updates: string[] } => {
  const updates: string[] = []
  return {
    updates,
    getMessage: async ({ id }) => ({ message: messages.find((m) => m.id === id)! }),
    updateMessage: async ({ id }) => {
      updates.push(id)
      return { message: messages.find((m) => m.id === id)! }
    },
  }
}

/** The bot's configuration: the silent endpoint, with this Delivery Timeout. */
const configurationWith = (deliveryTimeoutSeconds: number) => ({
  responseEndpointURL: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`,
  deliveryTimeoutSeconds,
})

describe('redeliver within the request’s deadline', () => {
  it('attempts only while a whole Delivery Timeout fits, and answers the rest not_attempted', async () => {
    arrived.length = 0
    const messages = [botMessage('msg_b', '2026-01-01T00:00:02.000Z'), botMessage('msg_a', '2026-01-01T00:00:01.000Z')]
    const client = storeOf(messages)
    const startedAt = Date.now()
    // 3 s are kept after each attempt: 1.5 s for a 1 s attempt, then too little for another.
    const results = await withinBudget(4_500, () =>
      redeliver(client, ['msg_b', 'msg_a'], configurationWith(1), redeliverOnce)
    )
    const elapsed = Date.now() - startedAt

    expect(results).toEqual([
      { botpressMessageId: 'msg_b', status: 'not_attempted', reason: expect.stringContaining('send it again') },
      { botpressMessageId: 'msg_a', status: 'failed', reason: expect.stringContaining('no answer within 1000 ms') },
    ])
    expect(arrived).toEqual(['msg_a'])
    expect(client.updates).toEqual(['msg_a'])
    expect(elapsed).toBeGreaterThanOrEqual(950)
    expect(elapsed).toBeLessThan(4_500)
  })

  it('never cuts an attempt short of the Delivery Timeout: one that does not fit is not made', async () => {
    arrived.length = 0
    const client = storeOf([botMessage('msg_c', '2026-01-01T00:00:03.000Z')])
    const results = await withinBudget(4_500, () => redeliver(client, ['msg_c'], configurationWith(10), redeliverOnce))
    expect(results.map((r) => r.status)).toEqual(['not_attempted'])
    expect(arrived).toEqual([])
    expect(client.updates).toEqual([])
  })
})
