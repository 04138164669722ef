import { ApiFailure, invalidPayload } from './api-failure'
import { fileRecord, type FileStore, type UpsertFileInput } from './file-store'
import type { BotStore, EventFilter } from './bot-store'
import type { BotEvent, Conversation, Message, State, Tags } from './model'

/** One authenticated API call, as a route handler sees it. */
export type ApiCall = {
  store: BotStore
  /** Path parameters by the names the definition gives them (`{id}`, `{type}`…). */
  params: Record<string, string>
  body: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- request JSON, checked against the definition first
  query: URLSearchParams
  direction: Message['direction']
  hooks: CloudHooks
  /** Items per page of a list; Botpress's is 20, tests set fewer to cross pages with few records. */
  pageSize: number
  /** Files of every bot (the Files API), and the cloud's address their URLs are under. */
  files: FileStore
  baseUrl: string
}

/** How the cloud hands what was written to the bot or the integration. */
export type CloudHooks = {
  /** Awaited: like Botpress, a bot's outgoing message is answered once the integration has handled it. */
  messageCreated: (store: BotStore, message: Message) => Promise<void>
  eventCreated: (store: BotStore, event: BotEvent) => void
  /** A bot calling an integration's action (`<integration>:<action>`); resolves with its output. */
  actionCalled: (store: BotStore, type: string, input: unknown) => Promise<unknown>
}

type Handler = (call: ApiCall) => unknown

/** `tags.id=x` or `tags[id]=x`, as the client encodes tag filters. */
const tagsFrom = (query: URLSearchParams): Tags => {
  const tags: Tags = {}
  for (const [key, value] of query) {
    const name = /^tags(?:\.|\[)([^\]]+)\]?$/.exec(key)?.[1]
    if (name) tags[name] = value
  }
  return tags
}

/** How long until a scheduled event is due (`schedule.delay` or `schedule.dateTime`); undefined when not scheduled. */
const scheduledDelayMs = (schedule: { delay?: number; dateTime?: string } | undefined) => {
  if (!schedule) return undefined
  const delay = schedule.delay ?? Date.parse(schedule.dateTime ?? '') - Date.now()
  return Math.min(Math.max(0, Number.isFinite(delay) ? delay : 0), 2 ** 31 - 1)
}

/** Pages a list the way the API does, with an opaque `nextToken`. */
const page = <T>(items: T[], { query, pageSize }: ApiCall) => {
  const start = Number(query.get('nextToken') ?? 0) || 0
  const next = start + pageSize < items.length ? String(start + pageSize) : undefined
  return { items: items.slice(start, start + pageSize), meta: next === undefined ? {} : { nextToken: next } }
}

/** The `afterDate` and `beforeDate` filters (both inclusive, per the definition) as a test of `createdAt`. */
const createdBetween = (query: URLSearchParams) => {
  const bound = (name: string) => {
    const raw = query.get(name)
    if (raw === null) return undefined
    const time = Date.parse(raw)
    if (Number.isNaN(time)) throw new ApiFailure(400, 'InvalidQuery', `${name} "${raw}" is not an ISO 8601 date`)
    return time
  }
  const after = bound('afterDate') ?? -Infinity
  const before = bound('beforeDate') ?? Infinity
  return ({ createdAt }: { createdAt: string }) => {
    const time = Date.parse(createdAt)
    return time >= after && time <= before
  }
}

/** The filters `listEvents` takes, as the query carries them (the definition has checked `status`). */
const eventFilter = (query: URLSearchParams): EventFilter => {
  const filter: Record<string, string> = {}
  for (const name of ['type', 'conversationId', 'userId', 'messageId', 'workflowId', 'status']) {
    const value = query.get(name)
    if (value !== null) filter[name] = value
  }
  return filter as EventFilter
}

/** `sortField` and `sortDirection` of `listConversations` (by creation, oldest first, when only one is given). */
const sortedConversations = (conversations: Conversation[], query: URLSearchParams): Conversation[] => {
  const field = query.get('sortField') as 'createdAt' | 'updatedAt' | null
  const direction = query.get('sortDirection')
  if (!field && !direction) return conversations
  const sorted = [...conversations].sort(
    (a, b) => Date.parse(a[field ?? 'createdAt']) - Date.parse(b[field ?? 'createdAt'])
  )
  return direction === 'desc' ? sorted.reverse() : sorted
}

const conversationInput = ({ body }: ApiCall) => ({
  channel: String(body.channel),
  tags: body.tags as Tags | undefined,
  ...(body.integrationName === undefined ? {} : { integrationName: String(body.integrationName) }),
})

const stateKey = ({ params }: ApiCall) => ({ type: params.type as State['type'], id: params.id!, name: params.name! })

/** The definition lets a state's payload be null; a stored state always has one. */
const objectPayload = (body: ApiCall['body']): Record<string, unknown> => {
  if (body.payload === null) throw invalidPayload('payload must be an object')
  return body.payload
}

const messageInput = ({ body, direction }: ApiCall) => ({
  type: String(body.type),
  payload: body.payload,
  userId: String(body.userId),
  conversationId: String(body.conversationId),
  tags: { ...body.tags },
  direction,
})

/** Botpress says whether a state came from its cache; the local cloud has none. */
const NOT_CACHED = { cached: false }

/** The runtime API operations the integration and the demo bot use, by their name in Botpress's definition. */
export const RUNTIME_ROUTES: Record<string, Handler> = {
  getOrCreateUser: (c) => ({ user: c.store.getOrCreateUser(c.body, c.body.discriminateByTags) }),
  createUser: (c) => ({ user: c.store.createUser(c.body) }),
  getUser: (c) => ({ user: c.store.getUser(c.params.id!) }),
  updateUser: (c) => ({ user: c.store.updateUser(c.params.id!, c.body) }),
  deleteUser: (c) => {
    c.store.deleteUser(c.params.id!)
    return {}
  },
  listUsers: (c) => {
    const { items, meta } = page(c.store.listUsers(tagsFrom(c.query)), c)
    return { users: items, meta }
  },
  getOrCreateConversation: (c) => ({
    conversation: c.store.getOrCreateConversation(conversationInput(c), c.body.discriminateByTags),
  }),
  createConversation: (c) => ({ conversation: c.store.createConversation(conversationInput(c)) }),
  getConversation: (c) => ({ conversation: c.store.getConversation(c.params.id!) }),
  deleteConversation: (c) => {
    c.store.deleteConversation(c.params.id!)
    return {}
  },
  listConversations: (c) => {
    const { query } = c
    const [channel, integration] = [query.get('channel'), query.get('integrationName')]
    const found = c.store
      .listConversations(tagsFrom(query))
      .filter((conv) => (!channel || conv.channel === channel) && (!integration || conv.integration === integration))
    const { items, meta } = page(sortedConversations(found, query), c)
    return { conversations: items, meta }
  },
  upsertFile: (c) => ({ file: fileRecord(c.files.upsert(c.store.botId, c.body as UpsertFileInput), c.baseUrl) }),
  getOrCreateMessage: async (c) => {
    const { message, created } = c.store.getOrCreateMessage(messageInput(c), c.body.discriminateByTags)
    if (created) await c.hooks.messageCreated(c.store, message)
    return { message }
  },
  /** The user (by id, or got or created by tags), the conversation (likewise), then the message if one is given. */
  initializeIncomingMessage: async (c) => {
    const { body, store } = c
    if (!body.userId && !body.user) throw invalidPayload('user or userId is required')
    if (!body.conversationId && !body.conversation) throw invalidPayload('conversation or conversationId is required')
    const user = body.userId
      ? store.getUser(body.userId)
      : store.getOrCreateUser(body.user, body.user?.discriminateByTags)
    const conversation = body.conversationId
      ? store.getConversation(body.conversationId)
      : store.getOrCreateConversation(body.conversation, body.conversation?.discriminateByTags)
    if (!body.message) return { user, conversation }
    const input = { ...messageInput({ ...c, body: body.message }), userId: user.id, conversationId: conversation.id }
    const { message, created } = store.getOrCreateMessage(input, body.message.discriminateByTags)
    if (created) await c.hooks.messageCreated(store, message)
    return { user, conversation, message }
  },
  createMessage: async (c) => {
    const message = c.store.createMessage(messageInput(c))
    await c.hooks.messageCreated(c.store, message)
    return { message }
  },
  getMessage: (c) => ({ message: c.store.getMessage(c.params.id!) }),
  deleteMessage: (c) => {
    c.store.deleteMessage(c.params.id!)
    return {}
  },
  updateMessage: (c) => ({ message: c.store.updateMessage(c.params.id!, c.body.tags) }),
  listMessages: (c) => {
    const all = c.store.listMessages(c.query.get('conversationId') ?? undefined, tagsFrom(c.query))
    const { items, meta } = page(all.filter(createdBetween(c.query)), c)
    return { messages: items, meta }
  },
  createEvent: (c) => {
    const event = c.store.createEvent({
      type: String(c.body.type),
      payload: c.body.payload,
      conversationId: c.body.conversationId,
      userId: c.body.userId,
      messageId: c.body.messageId,
    })
    // A scheduled event (a reminder) waits `scheduled` until it is due, then is handed to the bot.
    const dueInMs = scheduledDelayMs(c.body.schedule)
    if (dueInMs === undefined) {
      c.hooks.eventCreated(c.store, event)
      return { event }
    }
    event.status = 'scheduled'
    setTimeout(() => {
      event.status = 'pending'
      c.hooks.eventCreated(c.store, event)
    }, dueInMs).unref()
    return { event }
  },
  callAction: async (c) => ({
    output: await c.hooks.actionCalled(c.store, String(c.body.type), c.body.input ?? {}),
    meta: NOT_CACHED,
  }),
  getEvent: (c) => ({ event: c.store.getEvent(c.params.id!) }),
  listEvents: (c) => {
    const { items, meta } = page(c.store.listEvents(eventFilter(c.query)), c)
    return { events: items, meta }
  },
  getOrSetState: (c) => ({
    state: c.store.getOrSetState(stateKey(c), objectPayload(c.body), c.body.expiry ?? undefined),
    meta: NOT_CACHED,
  }),
  getState: (c) => ({ state: c.store.getState(stateKey(c)), meta: NOT_CACHED }),
  setState: (c) => ({ state: c.store.setState(stateKey(c), objectPayload(c.body), c.body.expiry ?? undefined) }),
  patchState: (c) => ({ state: c.store.patchState(stateKey(c), c.body.payload) }),
}
