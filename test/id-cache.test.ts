import type { Conversation, User } from '@botpress/client'
import { describe, expect, it } from 'vitest'
import { IdCache } from '../src/id-cache'

const botA = { botId: 'bot_a', integrationId: 'int_1' }
const botB = { botId: 'bot_b', integrationId: 'int_1' }
const user = (id: string) => ({ id, tags: {} }) as unknown as User
const conversation = (id: string) => ({ id, tags: {} }) as unknown as Conversation

describe('IdCache', () => {
  it('keeps bots apart: the same external id maps per tenant', () => {
    const cache = new IdCache()
    cache.setUser(botA, 'alice', user('user_a'))
    cache.setConversation(botA, 'chat', conversation('conv_a'))
    expect(cache.user(botA, 'alice')?.id).toBe('user_a')
    expect(cache.user(botB, 'alice')).toBeUndefined()
    expect(cache.conversation(botB, 'chat')).toBeUndefined()
    expect(cache.user({ ...botA, integrationId: 'int_2' }, 'alice')).toBeUndefined()
  })

  it('keeps users and conversations with the same external id apart', () => {
    const cache = new IdCache()
    cache.setUser(botA, 'x', user('user_x'))
    expect(cache.conversation(botA, 'x')).toBeUndefined()
  })

  it('cannot be confused by separators inside ids', () => {
    const cache = new IdCache()
    cache.setUser({ botId: 'a:b', integrationId: 'c' }, 'd', user('one'))
    expect(cache.user({ botId: 'a', integrationId: 'b:c' }, 'd')).toBeUndefined()
  })

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new IdCache({ maxEntries: 3, ttlMs: 60_000 })
    cache.setConversation(botA, 'c1', conversation('1'))
    cache.setConversation(botA, 'c2', conversation('2'))
    cache.setConversation(botA, 'c3', conversation('3'))
    cache.conversation(botA, 'c1') // c1 is now the most recent
    cache.setConversation(botA, 'c4', conversation('4'))
    expect(cache.size).toBe(3)
    expect(cache.conversation(botA, 'c2')).toBeUndefined()
    expect(cache.conversation(botA, 'c1')?.id).toBe('1')
  })

  it('stays within its bound however many conversations it sees', () => {
    const cache = new IdCache({ maxEntries: 1_000, ttlMs: 60_000 })
    for (let i = 0; i < 100_000; i++) cache.setConversation(botA, `c${i}`, conversation(`conv_${i}`))
    expect(cache.size).toBe(1_000)
  })

  it('forgets entries after their time to live', async () => {
    const cache = new IdCache({ maxEntries: 10, ttlMs: 30 })
    cache.setUser(botA, 'alice', user('user_a'))
    expect(cache.user(botA, 'alice')).toBeDefined()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(cache.user(botA, 'alice')).toBeUndefined()
  })

  it('forgets a user and a conversation on request', () => {
    const cache = new IdCache()
    cache.setUser(botA, 'alice', user('user_a'))
    cache.setConversation(botA, 'chat', conversation('conv_a'))
    cache.forget(botA, { userId: 'alice', conversationId: 'chat' })
    expect(cache.size).toBe(0)
  })
})
