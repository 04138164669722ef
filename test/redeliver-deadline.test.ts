import type { Message } from '@botpress/client'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { close, listen } from '../dev/http/listen'
import { readDeliverySettings } from '../src/config'
import { FEED_TAG } from '../src/feed-tag'
import { withinBudget } from '../src/inbound/botpress/call-deadline'
import { redeliver, type RedeliveryClient } from '../src/inbound/write/redeliver'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'
import { deliverOnce } from '../src/outbound/deliver'

// One deadline for the whole request: an endpoint that never answers takes the first attempt's time, and the
// messages after it are answered not_attempted, never delivered late or left hanging.
let endpoint: Server
const arrived: string[] = []
beforeAll(async () => {
  process.env[ALLOW_PRIVATE_ENDPOINTS] = 'true'
  endpoint = createServer((req) => arrived.push(String(req.headers['webhook-id']))) // never answers
  await listen(endpoint, 0, 'silent endpoint')
})
afterAll(() => close(endpoint))

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

describe('redeliver within the request’s deadline', () => {
  it('stops attempting when the time left is under one attempt, and says not_attempted', async () => {
    const messages = [botMessage('msg_b', '2026-01-01T00:00:02.000Z'), botMessage('msg_a', '2026-01-01T00:00:01.000Z')]
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`
    const settings = readDeliverySettings({ responseEndpointURL: url, deliveryTimeoutSeconds: 15 })
    const client = storeOf(messages)
    const startedAt = Date.now()
    // 3 s are kept after the last attempt: 1.5 s for attempts here.
    const results = await withinBudget(4_500, () => redeliver(client, ['msg_b', 'msg_a'], settings, deliverOnce))
    const elapsed = Date.now() - startedAt

    expect(results).toEqual([
      { botpressMessageId: 'msg_b', status: 'not_attempted', reason: expect.stringContaining('send it again') },
      { botpressMessageId: 'msg_a', status: 'failed', reason: expect.stringMatching(/no answer within 1[345]\d\d ms/) },
    ])
    expect(arrived).toEqual(['msg_a'])
    expect(client.updates).toEqual(['msg_a'])
    expect(elapsed).toBeGreaterThanOrEqual(1_400)
    expect(elapsed).toBeLessThan(4_500)
  })
})
