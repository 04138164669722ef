import type { Conversation, Message } from '@botpress/client'
import { isOwnConversation } from '../../src/conversation-owner'
import { feedTagsFor } from '../../src/feed-tag'
import type { FeedReader } from '../../src/inbound/read/read-feed'
import type { MessageReader } from '../../src/inbound/read/read-messages'

export type FakeConversation = Pick<Conversation, 'id' | 'createdAt' | 'channel' | 'integration' | 'tags'>

export const CONVERSATION: FakeConversation = {
  id: 'conv_fakefakefakefakefakefakefake',
  createdAt: new Date(0).toISOString(),
  channel: 'channel',
  integration: 'messaging-api',
  tags: { id: 'chat-1' },
}

type Options = {
  /** Which messages the bot sent, by index; every second one by default. */
  isBot?: (i: number) => boolean
  /** The conversations of the bot, ours and others'; CONVERSATION alone by default. */
  conversations?: FakeConversation[]
  /** Which of `conversations` each message is in, by index; the first by default. */
  conversationOf?: (i: number) => number
  /** Called before each list call: a way to write messages while a read is going on. */
  beforeList?: (history: FakeHistory) => void
  /** Pages that come back empty with a token to read on, as a server that filters after paging may answer. */
  emptyPagesFirst?: boolean
  /**
   * When Botpress lists each message (or, for a tag filter, its tag), on the history's `clock`: at its
   * creation by default. A message the channel handler could not tag (`untagged`) is never listed by tag.
   */
  listedFrom?: (message: Message, i: number) => number
  untagged?: (i: number) => boolean
}

export type FakeHistory = ReturnType<typeof fakeHistory>

/** A Botpress API error, as the client throws it. */
const notFound = (what: string) =>
  Object.assign(new Error(`${what} not found`), { isApiError: true, code: 404, type: 'ResourceNotFound' })

/**
 * A bot's messages as Botpress lists them: newest first (messages of one millisecond in reverse order of
 * writing), `pageSize` a page, filtered by conversation (or all of them, as Botpress lists without
 * `conversationId`), `afterDate` and `beforeDate` (inclusive), with offset-like page tokens (a message written
 * between two pages shifts the next one), and the calls counted.
 */
export const fakeHistory = (times: number[], pageSize: number, options: Options = {}) => {
  const isBot = options.isBot ?? ((i: number) => i % 2 === 1)
  const conversations = options.conversations ?? [CONVERSATION]
  const conversationOf = options.conversationOf ?? (() => 0)
  const messages: Message[] = []
  const listedAt = new Map<string, number>()
  let written = 0
  const write = (time: number, bot: boolean, conversation = 0) => {
    const i = written++
    const where = conversations[conversation]!
    const ours = bot && isOwnConversation(where) && where.tags.id && !options.untagged?.(i)
    const message: Message = {
      id: `msg_${String(i).padStart(24, '0')}`,
      createdAt: new Date(time).toISOString(),
      updatedAt: new Date(time).toISOString(),
      type: 'text',
      payload: { text: `message ${i}` },
      direction: bot ? 'outgoing' : 'incoming',
      userId: bot ? 'bot' : 'user',
      conversationId: where.id,
      tags: ours ? feedTagsFor(where.tags.id!) : {},
    }
    listedAt.set(message.id, options.listedFrom?.(message, i) ?? -Infinity)
    // Kept in creation order; writes during a read may come with an earlier time only within one millisecond.
    let at = messages.length
    while (at > 0 && Date.parse(messages[at - 1]!.createdAt) > time) at--
    messages.splice(at, 0, message)
    return message
  }
  times.forEach((time, i) => write(time, isBot(i), conversationOf(i)))
  /** The index of the first message created at `ms` or later (messages are kept in creation order). */
  const firstAtOrAfter = (list: Message[], ms: number) => {
    let [lo, hi] = [0, list.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (Date.parse(list[mid]!.createdAt) < ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const calls = { listMessages: 0, listConversations: 0, getMessage: 0, getConversation: 0 }
  const history = {
    messages,
    conversations,
    calls,
    write,
    /** Botpress's clock: what is listed depends on it (`listedFrom`). */
    clock: { now: 0 },
    /** Deletes a message, as `deleteMessage` or retention does. */
    remove: (id: string) => {
      const at = messages.findIndex((m) => m.id === id)
      if (at !== -1) messages.splice(at, 1)
    },
    /** Every call of a kind, for a bound per read. */
    total: () => calls.listMessages + calls.listConversations + calls.getMessage + calls.getConversation,
    reader: undefined as unknown as MessageReader & FeedReader,
  }
  const reader = {
    /** By the `id` tag (the read of one conversation), or on a channel, oldest first (where the feed starts). */
    listConversations: async (input: { tags?: { id?: string }; channel?: string; sortDirection?: string }) => {
      calls.listConversations++
      const found = conversations
        .filter(
          (c) => (!input.tags?.id || c.tags.id === input.tags.id) && (!input.channel || c.channel === input.channel)
        )
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
      return { conversations: input.sortDirection === 'desc' ? found.reverse() : found, meta: {} }
    },
    getConversation: async ({ id }: { id: string }) => {
      calls.getConversation++
      const conversation = conversations.find((c) => c.id === id)
      if (!conversation) throw notFound(`conversation ${id}`)
      return { conversation }
    },
    getMessage: async ({ id }: { id: string }) => {
      calls.getMessage++
      const message = messages.find((m) => m.id === id)
      if (!message) throw notFound(`message ${id}`)
      return { message }
    },
    listMessages: async (input: {
      conversationId?: string
      tags?: Record<string, string>
      afterDate?: string
      beforeDate?: string
      nextToken?: string
    }) => {
      options.beforeList?.(history)
      calls.listMessages++
      if (options.emptyPagesFirst && !input.nextToken?.startsWith('+')) {
        return { messages: [], meta: { nextToken: `+${input.nextToken ?? '0'}` } }
      }
      const filtered = input.conversationId !== undefined || input.tags || options.listedFrom
      const listed = !filtered
        ? messages
        : messages.filter(
            (m) =>
              (input.conversationId === undefined || m.conversationId === input.conversationId) &&
              Object.entries(input.tags ?? {}).every(([name, value]) => m.tags[name] === value) &&
              listedAt.get(m.id)! <= history.clock.now
          )
      const after = input.afterDate ? Date.parse(input.afterDate) : -Infinity
      const before = input.beforeDate ? Date.parse(input.beforeDate) : Infinity
      const newestFirst = listed.slice(firstAtOrAfter(listed, after), firstAtOrAfter(listed, before + 1)).reverse()
      const start = Number((input.nextToken ?? '0').replace('+', ''))
      const next = start + pageSize < newestFirst.length ? String(start + pageSize) : undefined
      return { messages: newestFirst.slice(start, start + pageSize), meta: { nextToken: next } }
    },
  }
  history.reader = reader as unknown as MessageReader & FeedReader
  return history
}
