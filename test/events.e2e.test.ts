import { Webhook } from 'standardwebhooks'
import { LIMITS } from '../definitions/limits'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFaultReceiver, ok } from './support/fault-receiver'
import { startStack, textMessage, type Stack } from './support/stack'

// Beyond plain messages: user profiles, custom events both ways, bot-started conversations.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())
beforeEach(() => stack.cloud.api.resetCalls())

let counter = 0
const unique = (prefix: string) => `${prefix}-${++counter}`
const calls = () => Object.fromEntries(stack.cloud.api.calls)
const event = (overrides: Record<string, unknown> = {}) => ({
  userId: unique('ev-user'),
  conversationId: unique('ev-conv'),
  name: 'order shipped',
  payload: { orderId: 42 },
  ...overrides,
})
const postEvent = (body: unknown, headers: Record<string, string> = {}) =>
  stack.post(body, { path: '/events', headers })

describe('user profile on intake', () => {
  it('sets name and picture when the user is created, without an extra call', async () => {
    const profile = { userName: 'Ada', userPictureUrl: 'https://example.com/ada.png' }
    const { status, json } = await stack.post(textMessage({ userId: unique('ada'), text: 'silent', ...profile }))
    expect(status).toBe(200)
    expect(json.user).toMatchObject({ name: 'Ada', pictureUrl: 'https://example.com/ada.png' })
    expect(calls().updateUser).toBeUndefined()
  })

  it('costs no call when the profile is unchanged or absent, and one when it changed', async () => {
    const userId = unique('grace')
    const conversationId = unique('chat')
    // "silent": the demo bot writes nothing, so every call counted is the integration's.
    const say = (extra: Record<string, unknown> = {}) =>
      stack.post(textMessage({ userId, conversationId, text: 'silent', ...extra }))
    await say({ userName: 'Grace' })
    stack.cloud.api.resetCalls()
    await say({ userName: 'Grace' })
    await say()
    expect(calls()).toEqual({ initializeIncomingMessage: 2 })

    const { json } = await say({ userName: 'Grace Hopper' })
    expect(calls()).toEqual({ initializeIncomingMessage: 3, updateUser: 1 })
    expect(json.user.name).toBe('Grace Hopper')
    expect(stack.store().getUser(json.user.id).name).toBe('Grace Hopper')
  })

  it('updates a user Botpress already knew with another profile', async () => {
    const userId = unique('known')
    stack.store().createUser({ tags: { id: userId }, name: 'Old name' })
    const { json } = await stack.post(textMessage({ userId, userName: 'New name' }))
    expect(json.user.name).toBe('New name')
    expect(calls().updateUser).toBe(1)
  })

  it.each([
    [{ userName: '' }, 'userName must not be empty'],
    [{ userName: 5 }, 'userName must be a string'],
    [{ userPictureUrl: 'ftp://example.com/a.png' }, 'userPictureUrl must be an http(s) URL'],
    [{ userPictureUrl: 'not a url' }, 'userPictureUrl must be an http(s) URL'],
    [{ userName: 'n'.repeat(LIMITS.userNameLength + 1) }, 'userName must be at most 200 characters'],
  ])('rejects the profile %j before any Botpress call', async (profile, message) => {
    const { status, json } = await stack.post(textMessage(profile))
    expect(status).toBe(400)
    expect(json.error.issues.map((i: { message: string }) => i.message)).toEqual([message])
    // The demo bot may still be answering an earlier test (createMessage): no intake call may appear.
    expect(calls()).not.toHaveProperty('initializeIncomingMessage')
  })

  it('takes the longest userName Botpress accepts', async () => {
    const userName = 'n'.repeat(LIMITS.userNameLength)
    const { status, json } = await stack.post(textMessage({ userId: 'longest-name', userName }))
    expect(status).toBe(200)
    expect(json.user.name).toBe(userName)
  })
})

describe('custom events from the back-end', () => {
  it('creates a custom event linked to the user and conversation, and the bot reacts', async () => {
    const body = event()
    const { status, json } = await postEvent(body)
    expect(status).toBe(200)
    expect(json).toMatchObject({ duplicate: false, user: { tags: { id: body.userId } } })
    const stored = stack.store().getEvent(json.event.id)
    expect(stored).toMatchObject({
      type: 'custom',
      payload: { name: 'order shipped', payload: { orderId: 42 } },
      conversationId: json.conversation.id,
      userId: json.user.id,
    })
    const [reply] = await stack.inbox.waitFor(1, (e) => e.body.conversationId === body.conversationId)
    expect(reply!.body.payload).toEqual({ text: 'Event "order shipped" received with {"orderId":42}' })
  })

  it('creates nothing for a resent eventId in the same conversation', async () => {
    const body = event({ eventId: 'evt-1' })
    const first = await postEvent(body)
    const second = await postEvent(body)
    expect(second.status).toBe(200)
    expect(second.json).toMatchObject({ event: { id: first.json.event.id }, duplicate: true })
    const events = [...stack.store().events.values()].filter((e) => e.conversationId === first.json.conversation.id)
    expect(events).toHaveLength(1)

    const elsewhere = await postEvent({ ...body, conversationId: unique('other') })
    expect(elsewhere.json.duplicate).toBe(false)
  })

  it('sets the profile on events too', async () => {
    const { json } = await postEvent(event({ userName: 'Linus' }))
    expect(json.user.name).toBe('Linus')
  })

  it.each([
    [{ name: undefined }, 'name', 'name is required'],
    [{ name: '' }, 'name', 'name must not be empty'],
    [{ payload: undefined }, 'payload', 'payload is required'],
    [{ payload: [1] }, 'payload', 'payload must be a JSON object'],
    [{ payload: 'text' }, 'payload', 'payload must be a JSON object'],
    [{ userId: '' }, 'userId', 'userId must not be empty'],
    [{ conversationId: 3 }, 'conversationId', 'conversationId must be a string'],
    [{ eventId: '' }, 'eventId', 'eventId must not be empty'],
    [{ name: 'x'.repeat(257) }, 'name', 'name must be at most 256 characters'],
  ])('answers 400 for %j, creating nothing', async (overrides, path, message) => {
    const before = stack.store().events.size
    const { status, json } = await postEvent(event(overrides))
    expect(status).toBe(400)
    expect(json.error.issues).toEqual([{ path, message }])
    expect(stack.store().events.size).toBe(before)
  })

  it('needs the same authentication as messages', async () => {
    expect((await postEvent(event(), { authorization: '' })).status).toBe(401)
    expect((await postEvent(event(), { authorization: 'bearer nope' })).json.error.code).toBe('invalid_token')
  })

  it('answers 405 to another method and 404 below /events', async () => {
    expect((await stack.post(undefined, { path: '/events', method: 'GET' })).status).toBe(405)
    expect((await stack.post(event(), { path: '/events/more' })).status).toBe(404)
  })
})

describe('custom events from the bot (sendEvent)', () => {
  const conversationFor = async (conversationId: string) =>
    (await stack.post(textMessage({ conversationId, text: 'silent' }))).json.conversation.id as string

  it('takes botpressConversationId, or conversationId, its deprecated name; refuses both when they differ, or neither', async () => {
    const conversationId = unique('send-event-names')
    const botpressConversationId = await conversationFor(conversationId)
    const send = (input: Record<string, unknown>) =>
      stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', { name: 'n', payload: {}, ...input })
    expect((await send({ botpressConversationId })).status).toBe(200)
    expect((await send({ conversationId: botpressConversationId })).status).toBe(200)
    expect((await send({ botpressConversationId, conversationId: botpressConversationId })).status).toBe(200)
    const both = await send({ botpressConversationId, conversationId: 'conv_other' })
    expect(both.status).toBe(400)
    expect(JSON.parse(both.body).message).toMatch(/differ/)
    const neither = await send({})
    expect(neither.status).toBe(400)
    expect(JSON.parse(neither.body).message).toMatch(/botpressConversationId is required/)
    await stack.inbox.waitFor(3, (e) => e.body.conversationId === conversationId && e.body.type === 'event')
  })

  it('delivers { type: "event", … } with the caller conversationId', async () => {
    const conversationId = unique('send-event')
    const botpressConversationId = await conversationFor(conversationId)
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', {
      botpressConversationId,
      name: 'survey',
      payload: { score: 5 },
    })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ output: {} })
    const [delivery] = await stack.inbox.waitFor(
      1,
      (e) => e.body.conversationId === conversationId && e.body.type === 'event'
    )
    expect(delivery!.body).toEqual({
      type: 'event',
      name: 'survey',
      payload: { score: 5 },
      conversationId,
      botpressConversationId,
      createdAt: expect.any(String),
    })
    expect(delivery!.headers['webhook-id']).toMatch(/^evt_/)
  })

  it('is signed and retried like messages, with one webhook-id', async () => {
    const secret = `whsec_${Buffer.from('e'.repeat(32)).toString('base64')}`
    const receiver = await startFaultReceiver((n) => (n === 1 ? { kind: 'answer', status: 503 } : ok))
    try {
      const botpressConversationId = await conversationFor(unique('signed-event'))
      const install = {
        ...stack.installation,
        configuration: { responseEndpointURL: receiver.url, signingSecret: secret },
      }
      const answer = await stack.cloud.driver.actionTriggered(install, 'sendEvent', {
        conversationId: botpressConversationId,
        name: 'n',
        payload: {},
      })
      expect(answer.status).toBe(200)
      expect(receiver.attempts).toHaveLength(2)
      const [first, second] = receiver.attempts
      expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
      expect(new Webhook(secret).verify(second!.raw, second!.headers as Record<string, string>)).toMatchObject({
        type: 'event',
      })
    } finally {
      await receiver.close()
    }
  })

  it('fails with a RuntimeError for an unknown conversation or one of another integration', async () => {
    const unknown = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', {
      conversationId: 'conv_missing',
      name: 'n',
      payload: {},
    })
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body).message).toMatch(/conversation conv_missing does not exist/)

    const foreign = stack.store().createConversation({ channel: 'channel', tags: { id: 'x' } })
    foreign.integration = 'telegram'
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', {
      conversationId: foreign.id,
      name: 'n',
      payload: {},
    })
    expect(JSON.parse(answer.body).message).toMatch(/belongs to telegram/)
  })

  it.each([
    ['not-messaging-api', false],
    ['acme/not-messaging-api', false],
    ['messaging-api-fork', false],
    ['a/b/messaging-api', false],
    ['acme/messaging-api', true],
    ['messaging-api', true],
  ])('judges a conversation of integration %s by its exact name: ours %s', async (integration, ours) => {
    const conversationId = unique('owner')
    const conversation = stack.store().getConversation(await conversationFor(conversationId))
    conversation.integration = integration
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', {
      conversationId: conversation.id,
      name: 'n',
      payload: {},
    })
    if (ours) {
      expect(answer.status).toBe(200)
      await stack.inbox.waitFor(1, (e) => e.body.conversationId === conversationId && e.body.type === 'event')
    } else {
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body).message).toContain(`belongs to ${integration}, not to the Messaging API`)
    }
  })

  it('is what the demo bot calls on "event"', async () => {
    const conversationId = unique('bot-event')
    await stack.post(textMessage({ conversationId, text: 'event' }))
    const deliveries = await stack.inbox.waitFor(2, (e) => e.body.conversationId === conversationId)
    expect(deliveries.map((d) => d.body.type)).toEqual(['event', 'text'])
    expect(deliveries[0]!.body).toMatchObject({ name: 'demo' })
  })
})

describe('bot-started conversations (startConversation)', () => {
  const start = async (input: Record<string, unknown>) => {
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'startConversation', input)
    expect(answer.status).toBe(200)
    return JSON.parse(answer.body).output as { botpressUserId: string; botpressConversationId: string }
  }

  it('returns the same ids twice, the ones intake uses, and the first message reaches the endpoint', async () => {
    const ids = { userId: unique('proactive-user'), conversationId: unique('proactive-chat') }
    const first = await start({ ...ids, userName: 'Margaret' })
    expect(await start(ids)).toEqual(first)
    expect(stack.store().getUser(first.botpressUserId)).toMatchObject({ name: 'Margaret', tags: { id: ids.userId } })

    const { sendAsBot } = stack
    const { answer } = await sendAsBot({ conversationId: ids.conversationId })
    expect(answer.status).toBe(200)
    const { json } = await stack.post(textMessage({ ...ids, text: 'silent' }))
    expect(json.conversation.id).toBe(first.botpressConversationId)
    expect(json.user.id).toBe(first.botpressUserId)
    const [delivery] = await stack.inbox.waitFor(1, (e) => e.body.conversationId === ids.conversationId)
    expect(delivery!.body.botpressConversationId).toBe(first.botpressConversationId)
  })

  it('refuses input that breaks its schema, naming the fields', async () => {
    const before = stack.store().users.size
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'startConversation', { userId: '' })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(/startConversation: invalid input \(userId: .*; conversationId: /)
    expect(stack.store().users.size).toBe(before)
    const event = await stack.cloud.driver.actionTriggered(stack.installation, 'sendEvent', { name: 'n' })
    expect(JSON.parse(event.body).message).toMatch(/sendEvent: invalid input/)
  })

  it('tells the bot which step failed when Botpress fails', async () => {
    stack.cloud.api.faults.failureRate = 1
    stack.cloud.api.faults.failureStatus = 503
    try {
      const input = { userId: unique('doomed-user'), conversationId: unique('doomed-chat') }
      const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'startConversation', input)
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body).message).toMatch(
        /^startConversation: Botpress answered \d+ .* while finding or creating the user and conversation/
      )
    } finally {
      stack.cloud.api.faults.failureRate = 0
    }
  })
})

describe('users by back-end id (getOrCreateUser)', () => {
  const getOrCreate = async (input: Record<string, unknown>) => {
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'getOrCreateUser', input)
    expect(answer.status).toBe(200)
    return JSON.parse(answer.body).output as { botpressUserId: string }
  }

  it('returns the same user twice, the one intake uses, renamed when a name is given', async () => {
    const userId = unique('bot-made-user')
    const first = await getOrCreate({ userId })
    expect(stack.store().getUser(first.botpressUserId).tags).toEqual({ id: userId })
    expect(await getOrCreate({ userId, userName: 'Katherine' })).toEqual(first)
    expect(stack.store().getUser(first.botpressUserId).name).toBe('Katherine')

    stack.cloud.api.resetCalls()
    const { json } = await stack.post(textMessage({ userId, conversationId: unique('chat'), text: 'silent' }))
    expect(json.user.id).toBe(first.botpressUserId)
    // Found by the same tag in the user's first message, in its one call.
    expect(calls()).toEqual({ initializeIncomingMessage: 1 })
  })

  it('refuses input that breaks its schema and creates nobody', async () => {
    const before = stack.store().users.size
    const answer = await stack.cloud.driver.actionTriggered(stack.installation, 'getOrCreateUser', { userId: '' })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(/getOrCreateUser: invalid input \(userId: /)
    expect(stack.store().users.size).toBe(before)
  })
})
