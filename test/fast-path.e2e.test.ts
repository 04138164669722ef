import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStack, textMessage, type Stack } from './support/stack'

// API calls per message, counted by the local cloud.
let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())
beforeEach(() => stack.cloud.api.resetCalls())

const calls = () => Object.fromEntries(stack.cloud.api.calls)

describe('fast path', () => {
  it('cold: user and conversation, then the message (three calls, two round trips)', async () => {
    expect((await stack.post(textMessage({ userId: 'cold-u', conversationId: 'cold-c' }))).status).toBe(200)
    expect(calls()).toEqual({ getOrCreateUser: 1, getOrCreateConversation: 1, getOrCreateMessage: 1 })
  })

  it('warm: a known user in a known conversation costs one call', async () => {
    await stack.post(textMessage({ userId: 'warm-u', conversationId: 'warm-c' }))
    stack.cloud.api.resetCalls()
    const { status, json } = await stack.post(
      textMessage({ userId: 'warm-u', conversationId: 'warm-c', text: 'again' })
    )
    expect(status).toBe(200)
    expect(calls()).toEqual({ getOrCreateMessage: 1 })
    expect(json.user.tags).toEqual({ id: 'warm-u' })
    expect(json.conversation.tags).toEqual({ id: 'warm-c' })
  })

  it('a known user in a new conversation resolves only the conversation', async () => {
    await stack.post(textMessage({ userId: 'half-u', conversationId: 'half-c1' }))
    stack.cloud.api.resetCalls()
    await stack.post(textMessage({ userId: 'half-u', conversationId: 'half-c2' }))
    expect(calls()).toEqual({ getOrCreateConversation: 1, getOrCreateMessage: 1 })
  })

  it('still has Botpress check the token on the warm path', async () => {
    await stack.post(textMessage({ userId: 'tok-u', conversationId: 'tok-c' }))
    const { status } = await stack.post(textMessage({ userId: 'tok-u', conversationId: 'tok-c' }), {
      headers: { authorization: 'bearer wrong' },
    })
    expect(status).toBe(401)
  })

  it('recovers invisibly when a cached conversation no longer exists', async () => {
    const first = await stack.post(textMessage({ userId: 'stale-u', conversationId: 'stale-c' }))
    stack.store().deleteConversation(first.json.conversation.id)
    stack.cloud.api.resetCalls()

    const { status, json } = await stack.post(textMessage({ userId: 'stale-u', conversationId: 'stale-c' }))
    expect(status).toBe(200)
    expect(json.conversation.id).not.toBe(first.json.conversation.id)
    expect(stack.store().getMessage(json.message.id).conversationId).toBe(json.conversation.id)
    expect(calls()).toEqual({ getOrCreateMessage: 2, getOrCreateUser: 1, getOrCreateConversation: 1 })

    stack.cloud.api.resetCalls()
    await stack.post(textMessage({ userId: 'stale-u', conversationId: 'stale-c' }))
    expect(calls()).toEqual({ getOrCreateMessage: 1 })
  })

  it('recovers when a cached user no longer exists', async () => {
    const first = await stack.post(textMessage({ userId: 'gone-u', conversationId: 'gone-c' }))
    stack.store().deleteUser(first.json.user.id)
    const { status, json } = await stack.post(textMessage({ userId: 'gone-u', conversationId: 'gone-c' }))
    expect(status).toBe(200)
    expect(json.user.id).not.toBe(first.json.user.id)
  })

  it('keeps two bots apart for the same external ids', async () => {
    const other = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
    const mine = await stack.post(textMessage({ userId: 'shared-u', conversationId: 'shared-c' }))
    const theirs = await stack.post(textMessage({ userId: 'shared-u', conversationId: 'shared-c' }), { install: other })
    expect(theirs.status).toBe(200)
    expect(theirs.json.conversation.id).not.toBe(mine.json.conversation.id)
    expect(stack.cloud.store(other.botId).getMessage(theirs.json.message.id)).toBeDefined()
  })
})
