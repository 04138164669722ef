import type { Message } from '@botpress/client'
import type { MessageReader } from '../../src/inbound/read-messages'

export const CONVERSATION = { id: 'conv_fakefakefakefakefakefakefake', createdAt: new Date(0).toISOString() }

/**
 * One conversation as Botpress lists it: newest first, `pageSize` a page, filtered by `afterDate` and
 * `beforeDate` (inclusive), with the calls counted. Messages are created at `times` (epoch ms, in order);
 * `isBot(i)` says which ones the bot sent.
 */
export const fakeHistory = (times: number[], pageSize: number, isBot = (i: number) => i % 2 === 1) => {
  const messages: Message[] = times.map((time, i) => ({
    id: `msg_${String(i).padStart(24, '0')}`,
    createdAt: new Date(time).toISOString(),
    updatedAt: new Date(time).toISOString(),
    type: 'text',
    payload: { text: `message ${i}` },
    direction: isBot(i) ? 'outgoing' : 'incoming',
    userId: isBot(i) ? 'bot' : 'user',
    conversationId: CONVERSATION.id,
    tags: {},
  }))
  const calls = { listMessages: 0, listConversations: 0, getMessage: 0 }
  const reader = {
    listConversations: async () => {
      calls.listConversations++
      return { conversations: [{ ...CONVERSATION, tags: { id: 'chat-1' } }], meta: {} }
    },
    getMessage: async ({ id }: { id: string }) => {
      calls.getMessage++
      const message = messages.find((m) => m.id === id)
      if (!message) throw new Error(`no message ${id}`)
      return { message }
    },
    listMessages: async (input: { afterDate?: string; beforeDate?: string; nextToken?: string }) => {
      calls.listMessages++
      const after = input.afterDate ? Date.parse(input.afterDate) : -Infinity
      const before = input.beforeDate ? Date.parse(input.beforeDate) : Infinity
      const newestFirst = messages
        .filter((m) => Date.parse(m.createdAt) >= after && Date.parse(m.createdAt) <= before)
        .reverse()
      const start = Number(input.nextToken ?? 0)
      const next = start + pageSize < newestFirst.length ? String(start + pageSize) : undefined
      return { messages: newestFirst.slice(start, start + pageSize), meta: { nextToken: next } }
    },
  }
  return { messages, calls, reader: reader as unknown as MessageReader }
}
