import { invalidPayload, notFound, referenceNotFound } from './api-failure'
import { newId } from './ids'
import { payloadProblem } from './message-payloads'
import type { BotEvent, Conversation, Message, State, Tags, User } from './model'
import { TagIndex } from './tag-index'

const now = () => new Date().toISOString()

/** The filters of `listEvents` (a workflow id matches nothing: the local cloud runs no workflows). */
export type EventFilter = Partial<
  Pick<BotEvent, 'type' | 'conversationId' | 'userId' | 'messageId' | 'status'> & { workflowId: string }
>

type MessageInput = Pick<Message, 'type' | 'payload' | 'userId' | 'conversationId' | 'tags' | 'direction'>
type UserInput = { tags?: Tags; name?: string; pictureUrl?: string }
type ConversationInput = { channel: string; tags?: Tags; integrationName?: string }

/**
 * The tags a get-or-create matches on: those named in `discriminateByTags` when given, else all of them
 * (as the definition describes the parameter).
 */
const matchingTags = (tags: Tags = {}, discriminateByTags?: string[]): Tags =>
  discriminateByTags
    ? Object.fromEntries(Object.entries(tags).filter(([name]) => discriminateByTags.includes(name)))
    : tags
/** Sets tags as an update does: the definition says "individual keys can be unset by posting an empty value to them". */
const updateTags = (target: Tags, update: Tags = {}) => {
  for (const [name, value] of Object.entries(update)) {
    if (value === '') delete target[name]
    else target[name] = value
  }
}

type StateKey = { type: State['type']; id: string; name: string }

/** Everything one bot owns in the local cloud, in memory. */
export class BotStore {
  public readonly users = new Map<string, User>()
  public readonly conversations = new Map<string, Conversation>()
  public readonly messages = new Map<string, Message>()
  public readonly events = new Map<string, BotEvent>()
  private readonly states = new Map<string, State>()
  /** When each state expires (epoch ms); Botpress keeps expiry to itself, so it is not part of a `State`. */
  private readonly stateExpiries = new Map<string, number>()
  private readonly userTags = new TagIndex(this.users)
  private readonly conversationTags = new TagIndex(this.conversations)
  private readonly messageTags = new TagIndex(this.messages)
  private readonly messagesByConversation = new Map<string, Message[]>()
  /**
   * When each message, and each message's tags, become listable (epoch ms): Botpress is a distributed store,
   * and may list a message a little after its `createdAt` (see `listingLag`).
   */
  private readonly listableAt = new Map<string, { message: number; tags: number }>()
  /** How many ms after it is written each message (and each update of its tags) becomes listable; 0 by default. */
  public listingLag: () => number = () => 0
  /**
   * What a get-or-create does to the other tags of a message it finds: keeps them (`kept`, the default), or
   * writes the request's over them (`overwritten`). Botpress's definition says neither; the integration is
   * tested under both.
   */
  public foundMessageTags: 'kept' | 'overwritten' = 'kept'

  public constructor(
    public readonly botId: string,
    private readonly integrationName: string
  ) {}

  /** How many records of each kind the bot has: what a test checks to prove a request wrote nothing. */
  public recordCounts() {
    const { users, conversations, messages, events, states } = this
    return {
      users: users.size,
      conversations: conversations.size,
      messages: messages.size,
      events: events.size,
      states: states.size,
    }
  }

  // users

  public createUser(input: UserInput): User {
    const time = now()
    const user: User = { id: newId('user'), createdAt: time, updatedAt: time, tags: { ...input.tags } }
    if (input.name !== undefined) user.name = input.name
    if (input.pictureUrl !== undefined) user.pictureUrl = input.pictureUrl
    this.users.set(user.id, user)
    this.userTags.add(user)
    return user
  }

  public getOrCreateUser(input: UserInput, discriminateByTags?: string[]): User {
    return this.userTags.find(matchingTags(input.tags, discriminateByTags))[0] ?? this.createUser(input)
  }

  public getUser(id: string): User {
    const user = this.users.get(id)
    if (!user) throw notFound('User', id)
    return user
  }

  public updateUser(id: string, input: { tags?: Tags; name?: string; pictureUrl?: string | null }): User {
    const user = this.getUser(id)
    this.userTags.remove(user)
    updateTags(user.tags, input.tags)
    if (input.name !== undefined) user.name = input.name
    if (input.pictureUrl === null) delete user.pictureUrl
    else if (input.pictureUrl !== undefined) user.pictureUrl = input.pictureUrl
    user.updatedAt = now()
    this.userTags.add(user)
    return user
  }

  public deleteUser(id: string): void {
    this.userTags.remove(this.getUser(id))
    this.users.delete(id)
  }

  public listUsers(tags: Tags): User[] {
    return this.userTags.find(tags)
  }

  // conversations

  /**
   * A conversation of the integration, or, with another `integrationName` (what the definition still lets a bot
   * name, deprecated), one of another integration of the bot: webchat, telegram… The local cloud runs none of
   * them; their conversations exist so that what lists every conversation of the bot meets them.
   */
  public createConversation(input: ConversationInput): Conversation {
    const integration = input.integrationName ?? this.integrationName
    if (integration === this.integrationName && input.channel !== 'channel')
      throw invalidPayload(`Channel "${input.channel}" is not declared by the integration`)
    const time = now()
    const conversation: Conversation = {
      id: newId('conv'),
      createdAt: time,
      updatedAt: time,
      channel: input.channel,
      integration,
      tags: { ...input.tags },
    }
    this.conversations.set(conversation.id, conversation)
    this.conversationTags.add(conversation)
    return conversation
  }

  public getOrCreateConversation(input: ConversationInput, discriminateByTags?: string[]): Conversation {
    const tags = matchingTags(input.tags, discriminateByTags)
    const integration = input.integrationName ?? this.integrationName
    const found = this.conversationTags.find(
      tags,
      (c) => c.channel === input.channel && c.integration === integration
    )[0]
    return found ?? this.createConversation(input)
  }

  public getConversation(id: string): Conversation {
    const conversation = this.conversations.get(id)
    if (!conversation) throw notFound('Conversation', id)
    return conversation
  }

  public deleteConversation(id: string): void {
    this.conversationTags.remove(this.getConversation(id))
    this.conversations.delete(id)
  }

  /** Conversations with these tags, in the order they were created. */
  public listConversations(tags: Tags): Conversation[] {
    return this.conversationTags.find(tags)
  }

  /** Whether a conversation is the integration's own: the only ones whose bot messages the cloud hands it. */
  public isIntegrations(conversation: Conversation): boolean {
    return conversation.integration === this.integrationName
  }

  // messages

  public createMessage(input: MessageInput): Message {
    this.checkMessage(input)
    const time = now()
    const message: Message = { ...input, id: newId('msg'), createdAt: time, updatedAt: time, tags: { ...input.tags } }
    this.messages.set(message.id, message)
    this.messageTags.add(message)
    const listable = this.listableFromNow()
    this.listableAt.set(message.id, { message: listable, tags: listable })
    const list = this.messagesByConversation.get(message.conversationId) ?? []
    list.push(message)
    this.messagesByConversation.set(message.conversationId, list)
    return message
  }

  /** A message with these tags if one exists (`created: false`, nothing is written), else a new one. */
  public getOrCreateMessage(
    input: MessageInput,
    discriminateByTags?: string[]
  ): { message: Message; created: boolean } {
    const tags = matchingTags(input.tags, discriminateByTags)
    const found = Object.keys(tags).length ? this.messageTags.find(tags)[0] : undefined
    if (!found) return { message: this.createMessage(input), created: true }
    const message = this.foundMessageTags === 'kept' ? found : this.updateMessage(found.id, input.tags)
    return { message, created: false }
  }

  public getMessage(id: string): Message {
    const message = this.messages.get(id)
    if (!message) throw notFound('Message', id)
    return message
  }

  public updateMessage(id: string, tags: Tags): Message {
    const message = this.getMessage(id)
    this.messageTags.remove(message)
    updateTags(message.tags, tags)
    message.updatedAt = now()
    this.messageTags.add(message)
    this.listableAt.get(id)!.tags = this.listableFromNow()
    return message
  }

  public deleteMessage(id: string): void {
    const message = this.getMessage(id)
    this.messages.delete(id)
    this.messageTags.remove(message)
    this.listableAt.delete(id)
    const list = this.messagesByConversation.get(message.conversationId) ?? []
    list.splice(list.indexOf(message), 1)
  }

  /**
   * Messages of a conversation (or of the bot) with these tags, newest first, as the Botpress API lists them:
   * only those listable by now (with their tags, when filtered by tag).
   */
  public listMessages(conversationId: string | undefined, tags: Tags): Message[] {
    const byTag = Object.keys(tags).length > 0
    const candidates = byTag
      ? this.messageTags.find(tags).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
      : conversationId
        ? (this.messagesByConversation.get(conversationId) ?? [])
        : [...this.messages.values()]
    const time = Date.now()
    return candidates
      .filter((m) => {
        const listable = this.listableAt.get(m.id)
        if (conversationId && m.conversationId !== conversationId) return false
        return !listable || (listable.message <= time && (!byTag || listable.tags <= time))
      })
      .reverse()
  }

  private listableFromNow(): number {
    return Date.now() + this.listingLag()
  }

  private checkMessage(input: MessageInput): void {
    if (!this.users.has(input.userId) && input.userId !== this.botId) {
      throw referenceNotFound(`User "${input.userId}" does not exist`)
    }
    if (!this.conversations.has(input.conversationId)) {
      throw referenceNotFound(`Conversation "${input.conversationId}" does not exist`)
    }
    const problem = payloadProblem(input.type, input.payload)
    if (problem) throw invalidPayload(problem)
  }

  // events

  public createEvent(input: Omit<BotEvent, 'id' | 'createdAt' | 'status' | 'failureReason'>): BotEvent {
    if (input.conversationId && !this.conversations.has(input.conversationId)) {
      throw referenceNotFound(`Conversation "${input.conversationId}" does not exist`)
    }
    if (input.userId && !this.users.has(input.userId)) {
      throw referenceNotFound(`User "${input.userId}" does not exist`)
    }
    const event: BotEvent = { ...input, id: newId('evt'), createdAt: now(), status: 'pending', failureReason: null }
    this.events.set(event.id, event)
    return event
  }

  public getEvent(id: string): BotEvent {
    const event = this.events.get(id)
    if (!event) throw notFound('Event', id)
    return event
  }

  /** Events whose fields equal every given filter, newest first, as the Botpress API lists them. */
  public listEvents(filter: EventFilter): BotEvent[] {
    const wanted = Object.entries(filter).filter(([, value]) => value !== undefined)
    const matches = (event: Record<string, unknown>) => wanted.every(([key, value]) => event[key] === value)
    return [...this.events.values()].filter(matches).reverse()
  }

  /** What the bot made of an event: Botpress sets this once the bot's handler has finished. */
  public settleEvent(id: string, status: Exclude<BotEvent['status'], 'pending'>, failureReason?: string): void {
    const event = this.getEvent(id)
    event.status = status
    event.failureReason = failureReason ?? null
  }

  // states

  public getState(key: StateKey): State {
    const state = this.states.get(stateKey(key))
    const expiresAt = this.stateExpiries.get(stateKey(key))
    if (!state || (expiresAt !== undefined && expiresAt <= Date.now())) {
      throw notFound('State', `${key.type}/${key.id}/${key.name}`)
    }
    return state
  }

  public setState(key: StateKey, payload: Record<string, unknown>, expiryMs?: number): State {
    const time = now()
    const existing = this.states.get(stateKey(key))
    const state: State = {
      id: existing?.id ?? newId('state'),
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
      botId: this.botId,
      name: key.name,
      type: key.type,
      payload,
      ...(key.type === 'conversation' ? { conversationId: key.id } : {}),
      ...(key.type === 'user' ? { userId: key.id } : {}),
    }
    this.states.set(stateKey(key), state)
    if (expiryMs) this.stateExpiries.set(stateKey(key), Date.now() + expiryMs)
    else this.stateExpiries.delete(stateKey(key))
    return state
  }

  public getOrSetState(key: StateKey, payload: Record<string, unknown>, expiryMs?: number): State {
    try {
      return this.getState(key)
    } catch {
      return this.setState(key, payload, expiryMs)
    }
  }

  public patchState(key: StateKey, payload: Record<string, unknown>): State {
    const state = this.getState(key)
    state.payload = { ...state.payload, ...payload }
    state.updatedAt = now()
    return state
  }
}

const stateKey = ({ type, id, name }: StateKey) => `${type}/${id}/${name}`
