import type { Event, Message } from '@botpress/client'
import type { ReplyReader } from '../../src/inbound/wait/collect-replies'
import { encodeLook, eventKey } from '../../src/inbound/wait/look'
import type { BotpressWriter } from '../../src/botpress/parties'
import { signalBotMessage } from '../../src/message-signal'

/** The tenant a scripted Botpress signals replies for. */
export const TENANT = { botId: 'bot_1', integrationId: 'int_1' }

/**
 * Botpress as a script, for the waiting rules: one conversation, and handlers (the bot at work on one event
 * each: an earlier message, ours, a later message, a custom event). A handler's moments come in its order:
 * its event is created (with its user message, if it has one), it writes its replies, it settles. The
 * script interleaves the moments of all handlers; each Botpress call lets the next `steps()` moments happen,
 * but none after ours is written before the intake.
 */
export type Moment =
  | { kind: 'create'; handler: number }
  /** A reminder the bot scheduled (created `scheduled`) comes due: its event turns `pending`. */
  | { kind: 'fire'; handler: number }
  | { kind: 'reply'; handler: number }
  | { kind: 'settle'; handler: number; status: 'processed' | 'failed' | 'ignored' }

export type Script = {
  /** The handler of the waited message. */
  ours: number
  /** Handlers with a user message (the others are custom events). */
  withMessage: Set<number>
  /** Custom events the bot scheduled: created `scheduled`, and run only once they fire (if ever). */
  scheduled?: Set<number>
  moments: Moment[]
  /** How many Botpress ms pass at each moment (0: the same millisecond). */
  tick: () => number
  /** How many moments happen at each call after the intake. */
  steps: () => number
  /** Whether a status read fails (a refused or failing call). */
  statusFails?: () => boolean
  /** Handlers whose user message the back-end sent with a wait: it carries the look a wait takes (`look` tag). */
  waited?: Set<number>
  /** What writing our message again does to the tags of the first write (see `BotStore.foundMessageTags`). */
  foundTags?: 'kept' | 'overwritten'
  /**
   * Where the channel handler of each reply runs: on the waiting instance (it signals the wait, in this
   * conversation or, wrongly addressed, in another), or elsewhere (no signal). Default: elsewhere.
   */
  signal?: () => 'here' | 'other conversation' | 'elsewhere'
  /** How many Botpress calls pass before a reply signalled here is listed (Botpress may list late). Default: 0. */
  replyLag?: () => number
}

export const CONVERSATION = { id: 'conv_scriptedscriptedscripted', tags: { id: 'chat-1' } }

/** Botpress lists 20 a page, newest first; an object's page token is the offset. */
const PAGE = 20
const page = <T>(newestFirst: T[], nextToken?: string) => {
  const start = Number(nextToken ?? 0)
  const next = start + PAGE < newestFirst.length ? String(start + PAGE) : undefined
  return { items: newestFirst.slice(start, start + PAGE), meta: next ? { nextToken: next } : {} }
}

export const scriptedBotpress = (script: Script) => {
  const messages: Message[] = []
  const events: Event[] = []
  const replyOwner = new Map<string, number>()
  const eventOf = new Map<number, Event>()
  let clock = Date.UTC(2026, 0, 1)
  /** From which call on each reply is listed. */
  const listedFromCall = new Map<string, number>()
  let next = 0
  const calls: string[] = []

  const happen = (moment: Moment) => {
    clock += script.tick()
    const at = new Date(clock).toISOString()
    const { handler } = moment
    if (moment.kind === 'create') {
      let messageId: string | undefined
      if (script.withMessage.has(handler)) {
        messageId = `msg_in_${String(handler).padStart(20, '0')}`
        const look = script.waited?.has(handler) && handler !== script.ours ? lookNow() : undefined
        messages.push(message(messageId, 'incoming', at, look === undefined ? {} : { look }))
      }
      const event: Event = {
        id: `evt_${String(handler).padStart(24, '0')}`,
        createdAt: at,
        type: messageId ? 'message_created' : 'custom',
        payload: {},
        conversationId: CONVERSATION.id,
        ...(messageId ? { messageId } : {}),
        status: script.scheduled?.has(handler) ? 'scheduled' : 'pending',
        failureReason: null,
      }
      events.push(event)
      eventOf.set(handler, event)
    } else if (moment.kind === 'fire') {
      eventOf.get(handler)!.status = 'pending'
    } else if (moment.kind === 'reply') {
      const id = `msg_out_${String(messages.length).padStart(20, '0')}`
      messages.push(message(id, 'outgoing', at))
      replyOwner.set(id, handler)
      const where = script.signal?.() ?? 'elsewhere'
      // Late listing is modelled where the wait can know of it: a reply signalled on its instance. Elsewhere a
      // reply is listed once written (docs/botpress-assumptions.md: before the bot's event settles).
      listedFromCall.set(id, calls.length + (where === 'here' ? (script.replyLag?.() ?? 0) : 0))
      if (where !== 'elsewhere') {
        const conversationId = where === 'here' ? CONVERSATION.id : 'conv_another_one_of_the_bot___'
        signalBotMessage(TENANT, { conversationId, messageId: id, createdAtMs: clock })
      }
    } else {
      const event = eventOf.get(handler)!
      event.status = moment.status
      event.failureReason = moment.status === 'failed' ? 'the bot threw' : null
    }
  }
  /** The `look` tag a waited intake writes: the conversation's events as they stand, newest first. */
  const lookNow = () => {
    const newestFirst = [...events].reverse()
    return encodeLook({
      running: events.some((e) => e.status === 'pending'),
      ...(newestFirst[0] ? { newest: eventKey(newestFirst[0].id) } : {}),
      reminders: new Set(events.filter((e) => e.status === 'scheduled').map((e) => eventKey(e.id))),
    })
  }
  const advance = (count: number) => {
    for (let i = 0; i < count && next < script.moments.length; i++) {
      const moment = script.moments[next]!
      if (moment.kind === 'create' && moment.handler === script.ours && !written) return
      happen(moment)
      next++
    }
  }
  let written = false

  const client = {
    listConversations: async () => {
      calls.push('listConversations')
      return { conversations: events.length || messages.length ? [{ ...CONVERSATION }] : [], meta: {} }
    },
    listEvents: async (input: { conversationId?: string; messageId?: string; nextToken?: string }) => {
      calls.push(input.messageId ? 'listEvents message' : 'listEvents conversation')
      if (written) advance(script.steps())
      if (input.messageId && script.statusFails?.()) throw new Error('Service unavailable')
      const matching = events.filter((e) => !input.messageId || e.messageId === input.messageId).reverse()
      const { items, meta } = page(
        matching.map((e) => ({ ...e })),
        input.nextToken
      )
      return { events: items, meta }
    },
    getEvent: async ({ id }: { id: string }) => {
      calls.push('getEvent')
      advance(script.steps())
      if (script.statusFails?.()) throw new Error('Service unavailable')
      return { event: { ...events.find((e) => e.id === id)! } }
    },
    listMessages: async (input: { afterDate?: string; beforeDate?: string; nextToken?: string }) => {
      calls.push('listMessages')
      advance(script.steps())
      const after = input.afterDate ? Date.parse(input.afterDate) : -Infinity
      const before = input.beforeDate ? Date.parse(input.beforeDate) : Infinity
      const listed = messages.filter((m) => (listedFromCall.get(m.id) ?? 0) <= calls.length)
      const inRange = listed.filter((m) => Date.parse(m.createdAt) >= after && Date.parse(m.createdAt) <= before)
      const { items, meta } = page(inRange.reverse(), input.nextToken)
      return { messages: items, meta }
    },
  }

  const ourMessage = () => messages.find((m) => m.id === `msg_in_${String(script.ours).padStart(20, '0')}`)!
  /** What our message was written with first, as the intake's one call writes it. */
  let firstTags: Record<string, string> | undefined
  const intake = {
    initializeIncomingMessage: async (input: { message: { tags: Record<string, string> } }) => {
      calls.push('initializeIncomingMessage')
      const ours = writeOurs()
      if (!firstTags) firstTags = { ...input.message.tags }
      else if (script.foundTags === 'overwritten') firstTags = { ...firstTags, ...input.message.tags }
      ours.tags = { ...firstTags }
      return { user: { id: ours.userId, tags: {} }, conversation: { ...CONVERSATION }, message: { ...ours } }
    },
  }
  const writeOurs = (): Message => {
    const wasWritten = written
    written = true
    while (!wasWritten && next < script.moments.length) {
      const moment = script.moments[next]!
      happen(moment)
      next++
      if (moment.kind === 'create' && moment.handler === script.ours) break
    }
    return ourMessage()
  }

  return {
    client: { ...client, ...intake } as unknown as ReplyReader & BotpressWriter,
    calls,
    /** Lets up to `count` moments happen before our message is written. */
    advanceBeforeOurs: (count: number) => advance(count),
    /** Lets up to `count` moments happen after our message was written. */
    advanceAfterOurs: (count: number) => advance(count),
    /** What happens up to our message, then our message (once): what the intake answers. */
    writeOurs,
    /** Our handler's replies so far, oldest first, and whether it has settled. */
    truth: () => ({
      replies: messages.filter((m) => replyOwner.get(m.id) === script.ours).map((m) => m.id),
      settled: eventOf.get(script.ours)?.status !== 'pending',
    }),
    owner: (id: string) => replyOwner.get(id),
    /** The moments that happened so far, in order. */
    happened: () => script.moments.slice(0, next),
    /** When each event and message was created, in Botpress ms. */
    createdMs: () => [...events, ...messages].map((record) => ({ id: record.id, ms: Date.parse(record.createdAt) })),
  }
}

const message = (id: string, direction: Message['direction'], at: string, tags: Record<string, string> = {}): Message =>
  ({
    id,
    createdAt: at,
    updatedAt: at,
    type: 'text',
    payload: { text: id },
    direction,
    userId: direction === 'incoming' ? 'user_1' : 'bot_1',
    conversationId: CONVERSATION.id,
    tags,
  }) as Message
