import { Client } from '@botpress/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_REASON } from '../dev/bot/replies'
import type { Installation } from '../dev/cloud/integration-driver'
import { PAT, RUNTIME_TOKEN, startStack, textMessage, type Stack } from './support/stack'

// The local cloud keeps the event Botpress keeps for every incoming message, and lists events as Botpress does
// (every call and answer judged by Botpress's definition).
let stack: Stack
/** A second bot on the same cloud, with no bot server: its messages reach no handler. */
let botless: Installation

beforeAll(async () => {
  stack = await startStack({ withBot: true })
  botless = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
})
afterAll(() => stack.close())

const apiOf = (installation: Installation) =>
  new Client({ apiUrl: stack.cloud.url, token: PAT, botId: installation.botId, integrationId: 'any' })
const postTo = (installation: Installation, body: unknown) => stack.post(body, { install: installation })

/** The message's `message_created` event, once the bot has handled it. */
const settledEvent = async (messageId: string) => {
  const deadline = Date.now() + 5_000
  for (;;) {
    const { events } = await apiOf(stack.installation).listEvents({ messageId, type: 'message_created' })
    if (events[0]?.status !== 'pending' || Date.now() > deadline) return events
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('message_created events of the local cloud', () => {
  it('links one event to each incoming message, processed once the bot is done', async () => {
    const { json } = await stack.post(textMessage({ conversationId: 'events-1', text: 'hello' }))
    const events = await settledEvent(json.message.id)
    expect(events).toEqual([
      expect.objectContaining({
        type: 'message_created',
        messageId: json.message.id,
        conversationId: json.conversation.id,
        userId: json.user.id,
        status: 'processed',
        failureReason: null,
      }),
    ])
    expect((await apiOf(stack.installation).getEvent({ id: events[0]!.id })).event.status).toBe('processed')
  })

  it('is pending while the bot is at it', async () => {
    const { json } = await stack.post(textMessage({ conversationId: 'events-2', text: 'delay 5' }))
    const { events } = await apiOf(stack.installation).listEvents({ messageId: json.message.id })
    expect(events.map((e) => e.status)).toEqual(['pending'])
  })

  it("is failed with the bot's reason when its handler throws", async () => {
    const { json } = await stack.post(textMessage({ conversationId: 'events-3', text: 'fail' }))
    const [event] = await settledEvent(json.message.id)
    expect(event).toMatchObject({ status: 'failed', failureReason: FAILURE_REASON })
  })

  it('creates no second event when the same message is sent again', async () => {
    const body = textMessage({ conversationId: 'events-4', text: 'hello' })
    const first = await stack.post(body)
    await stack.post(body)
    expect(await settledEvent(first.json.message.id)).toHaveLength(1)
  })

  it('is ignored when no bot runs to handle it', async () => {
    const { json } = await postTo(botless, textMessage({ conversationId: 'events-5' }))
    const { events } = await apiOf(botless).listEvents({ messageId: json.message.id })
    expect(events.map((e) => e.status)).toEqual(['ignored'])
  })
})

describe('listEvents of the local cloud', () => {
  it('filters, lists newest first and pages with nextToken', async () => {
    const conversationId = 'events-paged'
    const messageIds: string[] = []
    for (let i = 0; i < 22; i++) {
      const { json } = await postTo(botless, textMessage({ conversationId, text: `n${i}` }))
      messageIds.push(json.message.id)
    }
    const conversation = (await postTo(botless, textMessage({ conversationId, text: 'last' }))).json.conversation
    const api = apiOf(botless)
    const first = await api.listEvents({ conversationId: conversation.id, type: 'message_created' })
    expect(first.events).toHaveLength(20)
    expect(first.meta.nextToken).toEqual(expect.any(String))
    const second = await api.listEvents({ conversationId: conversation.id, nextToken: first.meta.nextToken })
    expect(second.events).toHaveLength(3)
    expect(second.meta.nextToken).toBeUndefined()
    const listed = [...first.events, ...second.events].map((e) => e.messageId)
    expect(listed.slice(1).reverse()).toEqual(messageIds)
    expect((await api.listEvents({ conversationId: conversation.id, status: 'processed' })).events).toEqual([])
    expect((await api.listEvents({ conversationId: conversation.id, type: 'custom' })).events).toEqual([])
  })
})

describe("other integrations' conversations in the local cloud", () => {
  it('are created when a bot names another integration, listed with ours, and their bot messages go nowhere', async () => {
    const fresh = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
    const asBot = new Client({ apiUrl: stack.cloud.url, token: RUNTIME_TOKEN, botId: fresh.botId })
    const { conversation } = await asBot.createConversation({ channel: 'web', tags: {}, integrationName: 'webchat' })
    expect(conversation).toMatchObject({ channel: 'web', integration: 'webchat' })
    await expect(asBot.createConversation({ channel: 'web', tags: {} })).rejects.toThrow(/not declared/)
    await postTo(fresh, textMessage({ conversationId: 'ours-1' }))

    const before = stack.inbox.entries.length
    await asBot.createMessage({
      conversationId: conversation.id,
      userId: fresh.botId,
      type: 'text',
      payload: { text: 'to a webchat user' },
      tags: {},
    })
    expect(stack.inbox.entries.length).toBe(before)
    const { messages } = await asBot.listMessages({})
    expect(messages.map((m) => m.conversationId)).toContain(conversation.id)

    const oldestFirst = await asBot.listConversations({ sortField: 'createdAt', sortDirection: 'asc' })
    expect(oldestFirst.conversations.map((c) => c.integration)).toEqual(['webchat', 'messaging-api'])
    const newestFirst = await asBot.listConversations({ sortField: 'createdAt', sortDirection: 'desc' })
    expect(newestFirst.conversations.map((c) => c.integration)).toEqual(['messaging-api', 'webchat'])
    const onChannel = await asBot.listConversations({ channel: 'channel' })
    expect(onChannel.conversations.map((c) => c.integration)).toEqual(['messaging-api'])
  })
})
