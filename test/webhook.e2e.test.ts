import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())
beforeEach(() => {
  stack.cloud.api.faults = { latencyMs: 0, failureRate: 0, failureStatus: 503 }
  stack.cloud.api.resetCalls()
})

describe('webhook: success', () => {
  it('creates the user, conversation and message and answers with them', async () => {
    const body = textMessage({ userId: 'alice', conversationId: 'support-42', text: 'Hi there' })
    const { status, json } = await stack.post(body)

    expect(status).toBe(200)
    expect(json.user.tags).toEqual({ id: 'alice' })
    expect(json.conversation).toMatchObject({ channel: 'channel', tags: { id: 'support-42' } })
    expect(json.message).toMatchObject({
      type: 'text',
      payload: { text: 'Hi there' },
      tags: { id: body.messageId },
      userId: json.user.id,
      conversationId: json.conversation.id,
    })
    const stored = stack.store().getMessage(json.message.id)
    expect(stored.direction).toBe('incoming')
    expect(stored.payload).toEqual({ text: 'Hi there' })
  })

  it('never creates a second message for a resent messageId', async () => {
    const body = textMessage({ conversationId: 'resend' })
    const first = await stack.post(body)
    const second = await stack.post(body)

    expect(second.status).toBe(200)
    expect(second.json.message.id).toBe(first.json.message.id)
    expect(stack.store().listMessages(first.json.conversation.id, {})).toHaveLength(1)
  })

  it('accepts the scheme in any case and keeps extra payload fields of a text message', async () => {
    const { status, json } = await stack.post(textMessage({ payload: { locale: 'fr' }, text: 'Bonjour' }), {
      headers: { authorization: `BEARER ${PAT}` },
    })
    expect(status).toBe(200)
    expect(json.message.payload).toEqual({ locale: 'fr', text: 'Bonjour' })
  })

  it('writes rich message types with their payload', async () => {
    const { status, json } = await stack.post(
      textMessage({ type: 'image', text: 'a photo', payload: { imageUrl: 'https://example.com/cat.png' } })
    )
    expect(status).toBe(200)
    expect(json.message).toMatchObject({ type: 'image', payload: { imageUrl: 'https://example.com/cat.png' } })
  })
})
