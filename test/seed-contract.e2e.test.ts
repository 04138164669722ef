import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAT, startStack, type Stack } from './support/stack'

// A back-end written from the first version's Hub page alone: its header, its six request fields
// ("type: 'text' if the message type is text, otherwise a different string for other types"; "payload: any")
// and its six delivery fields. It must work unchanged.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())

const SEED_DELIVERY_FIELDS = [
  'type',
  'payload',
  'conversationId',
  'botpressUserId',
  'botpressMessageId',
  'botpressConversationId',
] as const

/** Exactly what the seed page told a back-end to send, nothing more. */
const sendAsSeedBackEnd = (body: {
  userId: string
  messageId: string
  conversationId: string
  type: string
  text: string
  payload: unknown
}) =>
  fetch(stack.cloud.webhookUrl(stack.installation), {
    method: 'POST',
    headers: { Authorization: `bearer ${PAT}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

const CASES = [
  { type: 'text', text: 'hello', payload: {}, reply: 'You said: hello' },
  {
    type: 'quick_reply',
    text: 'Yes please',
    payload: { value: 'yes', index: 0 },
    reply: 'You sent a "quick_reply" saying "Yes please" with {"value":"yes","index":0}',
  },
  {
    type: 'postback',
    text: 'Order #42',
    payload: 'order-42',
    reply: 'You sent a "postback" saying "Order #42" with "order-42"',
  },
  {
    type: 'my-own-type',
    text: 'Opened the pricing page',
    payload: { page: '/pricing', at: [1, 2] },
    reply: 'You sent a "my-own-type" saying "Opened the pricing page" with {"page":"/pricing","at":[1,2]}',
  },
]

describe("the seed's contract", () => {
  for (const [n, sent] of CASES.entries()) {
    it(`takes a "${sent.type}" message and delivers the reply by the seed's six fields`, async () => {
      const conversationId = `seed-conversation-${n}`
      const answer = await sendAsSeedBackEnd({
        userId: `seed-user-${n}`,
        messageId: `seed-message-${n}-${Date.now()}`,
        conversationId,
        type: sent.type,
        text: sent.text,
        payload: sent.payload,
      })
      expect(answer.status).toBe(200)

      const [delivery] = await stack.inbox.waitFor(1, (entry) => entry.body.conversationId === conversationId)
      const body = delivery!.body as Record<string, unknown>
      for (const field of SEED_DELIVERY_FIELDS) expect(body[field], field).toBeDefined()
      for (const field of SEED_DELIVERY_FIELDS.filter((f) => f !== 'payload')) {
        expect(typeof body[field], field).toBe('string')
      }
      expect(body.type).toBe('text')
      expect(body.payload).toEqual({ text: sent.reply })
      expect(body.conversationId).toBe(conversationId)
    })
  }

  it('keeps the custom type and payload on the Botpress message, where the bot reads them', async () => {
    const answer = await sendAsSeedBackEnd({
      userId: 'seed-user-stored',
      messageId: `seed-message-stored-${Date.now()}`,
      conversationId: 'seed-conversation-stored',
      type: 'button',
      text: 'Clicked "Buy"',
      payload: { id: 'buy' },
    })
    const { message } = (await answer.json()) as { message: { id: string } }
    expect(stack.store().getMessage(message.id)).toMatchObject({
      type: 'text',
      payload: { text: 'Clicked "Buy"', originalType: 'button', originalPayload: { id: 'buy' } },
    })
  })
})
