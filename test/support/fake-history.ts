import type { Message } from '@botpress/client'
import type { MessageReader } from '../../src/inbound/read-messages'

export const CONVERSATION = { id: 'conv_fakefakefakefakefakefakefake', createdAt: new Date(0).toISOString() }

type Options = {
  /** Which messages the bot sent, by index; every second one by default. */
  isBot?: (i: number) => boolean
  /** Called before each list call: a way to write messages while a read is going on. */
  beforeList?: (history: FakeHistory) => void
  /** Pages that come back empty with a token to read on, as a server that filters after paging may answer. */
  emptyPagesFirst?: boolean
}

export type FakeHistory = ReturnType<typeof fakeHistory>

/**
 * One conversation as Botpress lists it: newest first (messages of one millisecond in reverse order of
 * writing), `pageSize` a page, filtered by `afterDate` and `beforeDate` (inclusive), with offset-like page
 * tokens (a message written between two pages shifts the next one), and the calls counted.
 */
export const fakeHistory = (times: number[], pageSize: number, options: Options = {}) => {
  const isBot = options.isBot ?? ((i: number) => i % 2 === 1)
  const messages: Message[] = []
  const write = (time: number, bot: boolean) => {
    const i = messages.length
    const message: Message = {
      id: `msg_${String(i).padStart(24, '0')}`,
      createdAt: new Date(time).toISOString(),
      updatedAt: new Date(time).toISOString(),
      type: 'text',
      payload: { text: `message ${i}` },
      direction: bot ? 'outgoing' : 'incoming',
      userId: bot ? 'bot' : 'user',
      conversationId: CONVERSATION.id,
      tags: {},
    }
    // Kept in creation order; writes during a read may come with an earlier time only within one millisecond.
    let at = messages.length
    while (at > 0 && Date.parse(messages[at - 1]!.createdAt) > time) at--
    messages.splice(at, 0, message)
    return message
  }
  times.forEach((time, i) => write(time, isBot(i)))
  /** The index of the first message created at `ms` or later (messages are kept in creation order). */
  const firstAtOrAfter = (ms: number) => {
    let [lo, hi] = [0, messages.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (Date.parse(messages[mid]!.createdAt) < ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const calls = { listMessages: 0, listConversations: 0, getMessage: 0 }
  const history = {
    messages,
    calls,
    write,
    /** Every call of a kind, for a bound per read. */
    total: () => calls.listMessages + calls.listConversations + calls.getMessage,
    reader: undefined as unknown as MessageReader,
  }
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
      options.beforeList?.(history)
      calls.listMessages++
      if (options.emptyPagesFirst && !input.nextToken?.startsWith('+')) {
        return { messages: [], meta: { nextToken: `+${input.nextToken ?? '0'}` } }
      }
      const after = input.afterDate ? Date.parse(input.afterDate) : -Infinity
      const before = input.beforeDate ? Date.parse(input.beforeDate) : Infinity
      const newestFirst = messages.slice(firstAtOrAfter(after), firstAtOrAfter(before + 1)).reverse()
      const start = Number((input.nextToken ?? '0').replace('+', ''))
      const next = start + pageSize < newestFirst.length ? String(start + pageSize) : undefined
      return { messages: newestFirst.slice(start, start + pageSize), meta: { nextToken: next } }
    },
  }
  history.reader = reader as unknown as MessageReader
  return history
}
