import type { Event, Message } from '@botpress/client'
import { describe, expect, it } from 'vitest'
import { withinBudget } from '../src/inbound/call-deadline'
import { collectReplies, type ReplyReader } from '../src/inbound/collect-replies'
import { WAIT_RULES } from '../src/inbound/prefer-wait'

// The waiting rules against a scripted Botpress: which rule ends the wait, and what the answer says.
const CONVERSATION = { id: 'conv_1', tags: { id: 'chat-1' } }
const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString()

const message = (id: string, direction: Message['direction'], n: number): Message =>
  ({
    id,
    createdAt: at(n),
    updatedAt: at(n),
    type: 'text',
    payload: { text: id },
    direction,
    userId: direction === 'incoming' ? 'user_1' : 'bot_1',
    conversationId: CONVERSATION.id,
    tags: {},
  }) as Message

const INCOMING = message('msg_in', 'incoming', 0)
const REPLY = message('msg_reply', 'outgoing', 1)

const event = (status: Event['status'], failureReason: string | null = null): Event => ({
  id: 'evt_1',
  createdAt: at(0),
  type: 'message_created',
  payload: {},
  messageId: INCOMING.id,
  status,
  failureReason,
})

/** Botpress as a script: the event's status at each status read (the last one repeats), or a refusal. */
const scriptedBotpress = (statuses: (Event | undefined | Error)[], replies: Message[] = [REPLY]) => {
  const reads: string[] = []
  let next = 0
  const status = async () => {
    const scripted = statuses[Math.min(next++, statuses.length - 1)]
    if (scripted instanceof Error) throw scripted
    return scripted
  }
  const client = {
    listEvents: async (input: { messageId?: string; type?: string }) => {
      reads.push(`listEvents ${input.messageId} ${input.type}`)
      const found = await status()
      return { events: found ? [found] : [], meta: {} }
    },
    getEvent: async (input: { id: string }) => {
      reads.push(`getEvent ${input.id}`)
      return { event: (await status())! }
    },
    listMessages: async () => {
      reads.push('listMessages')
      return { messages: [...replies].reverse().concat(INCOMING), meta: {} }
    },
  } as unknown as ReplyReader
  return { client, reads }
}

const collect = async (botpress: ReturnType<typeof scriptedBotpress>, waitSeconds = 5) => {
  const started = Date.now()
  const answer = await collectReplies(botpress.client, { incoming: INCOMING, conversation: CONVERSATION }, waitSeconds)
  return { answer, elapsedMs: Date.now() - started }
}

describe('collectReplies', () => {
  it('reads the status until it settles, then the replies once', async () => {
    const botpress = scriptedBotpress([event('pending'), event('pending'), event('processed')])
    const { answer } = await collect(botpress)
    expect(answer).toMatchObject({ complete: true, outcome: 'processed', waitRule: 'status' })
    expect(answer.replies.map((r) => r.botpressMessageId)).toEqual([REPLY.id])
    expect(botpress.reads).toEqual([
      'listEvents msg_in message_created',
      'getEvent evt_1',
      'getEvent evt_1',
      'listMessages',
    ])
  })

  it('gives the reason of a failure, null when Botpress gave none', async () => {
    const reasoned = await collect(scriptedBotpress([event('failed', 'TypeError: x is undefined')]))
    expect(reasoned.answer).toMatchObject({
      complete: true,
      outcome: 'failed',
      failureReason: 'TypeError: x is undefined',
    })
    const unreasoned = await collect(scriptedBotpress([event('failed')]))
    expect(unreasoned.answer).toMatchObject({ outcome: 'failed', failureReason: null })
  })

  it('says when the bot ignored the message, without a failureReason', async () => {
    const { answer } = await collect(scriptedBotpress([event('ignored')], []))
    expect(answer).toEqual({ replies: [], complete: true, outcome: 'ignored', waitRule: 'status' })
  })

  it('is incomplete, with no outcome, when the bot is still pending at the end of the wait', async () => {
    const botpress = scriptedBotpress([event('pending')])
    const { answer, elapsedMs } = await collect(botpress, 1)
    expect(answer).toMatchObject({ complete: false, waitRule: 'status' })
    expect(answer).not.toHaveProperty('outcome')
    expect(answer.replies).toHaveLength(1)
    expect(elapsedMs).toBeGreaterThanOrEqual(1000)
    expect(botpress.reads.at(-1)).toBe('listMessages')
  })

  it("ends the wait early enough to read the replies within the request's budget", async () => {
    const botpress = scriptedBotpress([event('pending')])
    // 6.5 s left to the request: the 25 s wait ends after about 1.5 s, keeping 5 s for reading the replies.
    const { answer, elapsedMs } = await withinBudget(6_500, () => collect(botpress, WAIT_RULES.maxSeconds))
    expect(answer).toMatchObject({ complete: false, waitRule: 'status' })
    expect(elapsedMs).toBeGreaterThanOrEqual(1_400)
    expect(elapsedMs).toBeLessThan(3_500)
    expect(botpress.reads.at(-1)).toBe('listMessages')
  })

  it.each([
    ['Botpress keeps no event for the message', [undefined]],
    ['listEvents is refused', [new Error('Forbidden')]],
    ['a later status read fails', [event('pending'), new Error('Service unavailable')]],
  ])('falls back to the quiet second when %s', async (_, statuses) => {
    const { answer, elapsedMs } = await collect(scriptedBotpress(statuses))
    expect(answer).toMatchObject({ complete: true, waitRule: 'silence' })
    expect(answer).not.toHaveProperty('outcome')
    expect(answer.replies).toHaveLength(1)
    expect(elapsedMs).toBeGreaterThanOrEqual(WAIT_RULES.settleMs)
  })
})
