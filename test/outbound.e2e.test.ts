import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PAYLOADS } from './support/payloads'
import { startStack, type Stack } from './support/stack'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())
beforeEach(() => {
  stack.inbox.entries.length = 0
  stack.inbox.answerWith(200)
})

describe('outbound: one sender for every message type', () => {
  for (const [type, payload] of Object.entries(PAYLOADS)) {
    it(`delivers a ${type} message with exactly the contract's fields`, async () => {
      const { answer, message, conversation } = await stack.sendAsBot({ conversationId: `out-${type}`, type, payload })

      expect(answer.status).toBe(200)
      expect(stack.inbox.entries).toHaveLength(1)
      const [delivery] = stack.inbox.entries
      expect(delivery!.headers['content-type']).toMatch(/application\/json/)
      expect(delivery!.body).toEqual({
        type,
        payload,
        conversationId: `out-${type}`,
        botpressUserId: stack.installation.botId,
        botpressMessageId: message.id,
        botpressConversationId: conversation.id,
        createdAt: message.createdAt,
      })
    })
  }
})

describe('outbound: failures reach the bot owner as RuntimeErrors', () => {
  it('names the status when the endpoint refuses the delivery', async () => {
    stack.inbox.answerWith(400)
    const { answer } = await stack.sendAsBot({ conversationId: 'fail-400' })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'Runtime', message: expect.stringContaining('HTTP 400') })
  })

  it('names the network error when the endpoint cannot be reached, never the full URL', async () => {
    const { answer } = await stack.sendAsBot({
      conversationId: 'fail-network',
      configuration: { responseEndpointURL: 'http://127.0.0.1:9/hook?key=s3cret', maxDeliveryAttempts: 1 },
    })
    const { message: text } = JSON.parse(answer.body)
    expect(text).toContain('ECONNREFUSED')
    expect(text).toContain('127.0.0.1:9')
    expect(text).not.toContain('s3cret')
  })

  it('refuses a conversation without the id tag, since its reply cannot be routed', async () => {
    const conversation = stack.store().createConversation({ channel: 'channel', tags: {} })
    const message = stack.store().createMessage({
      type: 'text',
      payload: { text: 'x' },
      userId: stack.installation.botId,
      conversationId: conversation.id,
      tags: {},
      direction: 'outgoing',
    })
    const answer = await stack.cloud.driver.messageCreated(stack.installation, {
      conversation,
      user: { id: 'bot' },
      message,
    })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(/no "id" tag/)
    expect(stack.inbox.entries).toHaveLength(0)
  })
})
