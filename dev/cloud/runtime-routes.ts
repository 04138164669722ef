import { invalidPayload } from './api-failure'
import type { BotStore } from './bot-store'
import type { BotEvent, Message, State, Tags } from './model'

/** One authenticated API call, as a route handler sees it. */
export type ApiCall = {
  store: BotStore
  params: string[]
  body: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- request JSON, checked by the store
  query: URLSearchParams
  direction: Message['direction']
  hooks: CloudHooks
}

/** How the cloud hands what was written to the bot or the integration. */
export type CloudHooks = {
  /** Awaited: like Botpress, a bot's outgoing message is answered once the integration has handled it. */
  messageCreated: (store: BotStore, message: Message) => Promise<void>
  eventCreated: (store: BotStore, event: BotEvent) => void
  /** A bot calling an integration's action (`<integration>:<action>`); resolves with its output. */
  actionCalled: (store: BotStore, type: string, input: unknown) => Promise<unknown>
}

export type Route = { name: string; method: string; pattern: RegExp; handle: (call: ApiCall) => unknown }

const PAGE_SIZE = 20

/** `tags.id=x` or `tags[id]=x`, as the client encodes tag filters. */
const tagsFrom = (query: URLSearchParams): Tags => {
  const tags: Tags = {}
  for (const [key, value] of query) {
    const name = /^tags(?:\.|\[)([^\]]+)\]?$/.exec(key)?.[1]
    if (name) tags[name] = value
  }
  return tags
}

/** Pages a list the way the API does, with an opaque `nextToken`. */
const page = <T>(items: T[], query: URLSearchParams) => {
  const start = Number(query.get('nextToken') ?? 0) || 0
  const next = start + PAGE_SIZE < items.length ? String(start + PAGE_SIZE) : undefined
  return { items: items.slice(start, start + PAGE_SIZE), meta: { nextToken: next } }
}

const stateKey = ({ params: [type, id, name] }: ApiCall) => ({ type: type as State['type'], id: id!, name: name! })

const objectPayload = (body: ApiCall['body']): Record<string, unknown> => {
  const payload = body.payload
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalidPayload('payload must be an object')
  }
  return payload
}

const messageInput = ({ body, direction }: ApiCall) => ({
  type: String(body.type),
  payload: body.payload,
  userId: String(body.userId),
  conversationId: String(body.conversationId),
  tags: { ...body.tags },
  direction,
})

const ID = '([^/]+)'
const route = (name: string, method: string, path: string, handle: Route['handle']): Route => ({
  name,
  method,
  pattern: new RegExp(`^/v1/chat${path}$`),
  handle,
})

/** The runtime API paths the integration and the demo bot use. */
export const RUNTIME_ROUTES: Route[] = [
  route('getOrCreateUser', 'POST', '/users/get-or-create', (c) => ({ user: c.store.getOrCreateUser(c.body) })),
  route('createUser', 'POST', '/users', (c) => ({ user: c.store.createUser(c.body) })),
  route('getUser', 'GET', `/users/${ID}`, (c) => ({ user: c.store.getUser(c.params[0]!) })),
  route('updateUser', 'PUT', `/users/${ID}`, (c) => ({ user: c.store.updateUser(c.params[0]!, c.body) })),
  route('deleteUser', 'DELETE', `/users/${ID}`, (c) => {
    c.store.deleteUser(c.params[0]!)
    return {}
  }),
  route('listUsers', 'GET', '/users', (c) => {
    const { items, meta } = page(c.store.listUsers(tagsFrom(c.query)), c.query)
    return { users: items, meta }
  }),
  route('getOrCreateConversation', 'POST', '/conversations/get-or-create', (c) => ({
    conversation: c.store.getOrCreateConversation(c.body as { channel: string; tags?: Tags }),
  })),
  route('createConversation', 'POST', '/conversations', (c) => ({
    conversation: c.store.createConversation(c.body as { channel: string; tags?: Tags }),
  })),
  route('getConversation', 'GET', `/conversations/${ID}`, (c) => ({
    conversation: c.store.getConversation(c.params[0]!),
  })),
  route('deleteConversation', 'DELETE', `/conversations/${ID}`, (c) => {
    c.store.deleteConversation(c.params[0]!)
    return {}
  }),
  route('listConversations', 'GET', '/conversations', (c) => {
    const { items, meta } = page(c.store.listConversations(tagsFrom(c.query)), c.query)
    return { conversations: items, meta }
  }),
  route('getOrCreateMessage', 'POST', '/messages/get-or-create', async (c) => {
    const { message, created } = c.store.getOrCreateMessage(messageInput(c))
    if (created) await c.hooks.messageCreated(c.store, message)
    return { message }
  }),
  route('createMessage', 'POST', '/messages', async (c) => {
    const message = c.store.createMessage(messageInput(c))
    await c.hooks.messageCreated(c.store, message)
    return { message }
  }),
  route('getMessage', 'GET', `/messages/${ID}`, (c) => ({ message: c.store.getMessage(c.params[0]!) })),
  route('updateMessage', 'PUT', `/messages/${ID}`, (c) => ({
    message: c.store.updateMessage(c.params[0]!, c.body.tags),
  })),
  route('listMessages', 'GET', '/messages', (c) => {
    const all = c.store.listMessages(c.query.get('conversationId') ?? undefined, tagsFrom(c.query))
    const { items, meta } = page(all, c.query)
    return { messages: items, meta }
  }),
  route('createEvent', 'POST', '/events', (c) => {
    const event = c.store.createEvent({
      type: String(c.body.type),
      payload: objectPayload(c.body),
      conversationId: c.body.conversationId,
      userId: c.body.userId,
      messageId: c.body.messageId,
    })
    c.hooks.eventCreated(c.store, event)
    return { event }
  }),
  route('callAction', 'POST', '/actions', async (c) => ({
    output: await c.hooks.actionCalled(c.store, String(c.body.type), c.body.input ?? {}),
  })),
  route('getEvent', 'GET', `/events/${ID}`, (c) => ({ event: c.store.getEvent(c.params[0]!) })),
  route('getOrSetState', 'POST', `/states/${ID}/${ID}/${ID}/get-or-set`, (c) => ({
    state: c.store.getOrSetState(stateKey(c), objectPayload(c.body), c.body.expiry),
  })),
  route('getState', 'GET', `/states/${ID}/${ID}/${ID}`, (c) => ({ state: c.store.getState(stateKey(c)) })),
  route('setState', 'POST', `/states/${ID}/${ID}/${ID}`, (c) => ({
    state: c.store.setState(stateKey(c), objectPayload(c.body), c.body.expiry),
  })),
  route('patchState', 'PATCH', `/states/${ID}/${ID}/${ID}`, (c) => ({
    state: c.store.patchState(stateKey(c), objectPayload(c.body)),
  })),
]
