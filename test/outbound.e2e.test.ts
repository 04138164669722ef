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

/** A conversation made through the webhook, so it carries the caller's `id` tag as in production. */
const conversationWith = async (conversationId: string) => {
  const { json } = await stack.post({
    userId: 'u-out',
    messageId: `m-${conversationId}`,
    conversationId,
    type: 'text',
    text: 'hi',
  })
  return stack.store().getConversation(json.conversation.id)
}

/** What the cloud does when the bot sends a message: create it, then call `message_created`. */
const botSends = (conversationId: string, type: string, payload: Record<string, unknown>) =>
  stack
    .store()
    .createMessage({ type, payload, userId: stack.installation.botId, conversationId, tags: {}, direction: 'outgoing' })

describe('outbound: one sender for every message type', () => {
  for (const [type, payload] of Object.entries(PAYLOADS)) {
    it(`delivers a ${type} message with exactly the contract's fields`, async () => {
      const conversation = await conversationWith(`out-${type}`)
      const message = botSends(conversation.id, type, payload)
      const user = { id: stack.installation.botId, tags: {} }
      const answer = await stack.cloud.driver.messageCreated(stack.installation, { conversation, user, message })

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
      })
    })
  }
})

describe('outbound: failures reach the bot owner as RuntimeErrors', () => {
  const send = async (conversationId: string) => {
    const conversation = await conversationWith(conversationId)
    const message = botSends(conversation.id, 'text', { text: 'x' })
    return stack.cloud.driver.messageCreated(stack.installation, { conversation, user: { id: 'bot' }, message })
  }

  it('names the status when the endpoint answers non-2xx', async () => {
    stack.inbox.answerWith(500)
    const answer = await send('fail-500')
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'Runtime', message: expect.stringContaining('HTTP 500') })
  })

  it('names the network error when the endpoint cannot be reached, never the full URL', async () => {
    const unreachable = {
      ...stack.installation,
      configuration: { responseEndpointURL: 'http://127.0.0.1:9/hook?key=s3cret' },
    }
    const conversation = await conversationWith('fail-network')
    const message = botSends(conversation.id, 'text', { text: 'x' })
    const answer = await stack.cloud.driver.messageCreated(unreachable, { conversation, user: { id: 'bot' }, message })
    const { message: text } = JSON.parse(answer.body)
    expect(text).toContain('ECONNREFUSED')
    expect(text).toContain('127.0.0.1:9')
    expect(text).not.toContain('s3cret')
  })

  it('refuses a conversation without the id tag, since its reply cannot be routed', async () => {
    const conversation = stack.store().createConversation({ channel: 'channel', tags: {} })
    const message = botSends(conversation.id, 'text', { text: 'x' })
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
