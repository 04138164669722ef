import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeReceived, SAMPLES } from '../dev/bot/replies'
import { Inbox, type InboxEntry } from '../dev/inbox/inbox'
import { openApiConformance } from './support/openapi-conformance'
import { PAYLOADS } from './support/payloads'
import { startStack, textMessage, type Stack } from './support/stack'

// The whole flow on the local cloud: back-end → webhook → integration → Botpress → demo bot → integration → endpoint.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())

let counter = 0
const newConversation = () => `conv-${Date.now()}-${++counter}`
const inConversation = (id: string) => (entry: InboxEntry) => entry.body.conversationId === id

const say = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) => {
  const answer = await stack.post(textMessage({ conversationId, text, ...extra }))
  expect(answer.status).toBe(200)
  return answer.json
}

describe('a conversation through the local cloud', () => {
  it('delivers the bot reply with every contract field', async () => {
    const conversationId = newConversation()
    const sent = await say(conversationId, 'hello')
    const [reply] = await stack.inbox.waitFor(1, inConversation(conversationId))
    const stored = stack.store().getMessage(String(reply!.body.botpressMessageId))

    expect(reply!.body).toEqual({
      type: 'text',
      payload: { text: 'You said: hello' },
      conversationId,
      botpressUserId: stack.installation.botId,
      botpressMessageId: stored.id,
      botpressConversationId: sent.conversation.id,
      createdAt: stored.createdAt,
    })
    expect(stored).toMatchObject({ direction: 'outgoing', conversationId: sent.conversation.id })
  })

  for (const [type, payload] of Object.entries(PAYLOADS)) {
    it(`takes a ${type} message in`, async () => {
      const conversationId = newConversation()
      // A text message's payload.text and text agree: the one text the user sent.
      const sent = await say(conversationId, type === 'text' ? 'Hello' : `a ${type}`, { type, payload })
      expect(sent.message).toMatchObject({ type, payload: type === 'text' ? { text: 'Hello' } : payload })
      const [reply] = await stack.inbox.waitFor(1, inConversation(conversationId))
      const expected = type === 'text' ? 'You said: Hello' : describeReceived({ type, payload })
      expect(reply!.body.payload).toEqual({ text: expected })
    })
  }

  for (const [keyword, sample] of Object.entries(SAMPLES)) {
    it(`delivers a ${sample.type} reply`, async () => {
      const conversationId = newConversation()
      await say(conversationId, keyword)
      const [reply] = await stack.inbox.waitFor(1, inConversation(conversationId))
      expect(reply!.body).toMatchObject({ type: sample.type, payload: sample.payload, conversationId })
    })
  }

  it('delivers several replies in the order the bot sent them', async () => {
    const conversationId = newConversation()
    await say(conversationId, 'many')
    const replies = await stack.inbox.waitFor(3, inConversation(conversationId))
    expect(replies.map((r) => (r.body.payload as { text: string }).text)).toEqual([
      'Message 1 of 3',
      'Message 2 of 3',
      'Message 3 of 3',
    ])
  })

  it('creates nothing new for a resent messageId, and the bot answers once', async () => {
    const conversationId = newConversation()
    const body = textMessage({ conversationId, text: 'only once' })
    const first = await stack.post(body)
    const second = await stack.post(body)
    expect(second.json.message.id).toBe(first.json.message.id)

    await stack.inbox.waitFor(1, inConversation(conversationId))
    await say(conversationId, 'marker') // handled after the resend: once its reply is here, a duplicate would be too
    const replies = await stack.inbox.waitFor(2, inConversation(conversationId))
    expect(replies.map((r) => (r.body.payload as { text: string }).text)).toEqual([
      'You said: only once',
      'You said: marker',
    ])
    expect(stack.store().listMessages(first.json.conversation.id, {})).toHaveLength(4)
  })

  it('keeps several users of one conversation apart, in one Botpress conversation', async () => {
    const conversationId = newConversation()
    const alice = await say(conversationId, 'from alice', { userId: 'alice' })
    const bob = await say(conversationId, 'from bob', { userId: 'bob' })
    expect(alice.conversation.id).toBe(bob.conversation.id)
    expect(alice.user.id).not.toBe(bob.user.id)
    const replies = await stack.inbox.waitFor(2, inConversation(conversationId))
    expect(replies.map((r) => r.body.botpressConversationId)).toEqual([alice.conversation.id, alice.conversation.id])
  })

  it('routes the replies of several conversations by their own conversationId', async () => {
    const [a, b] = [newConversation(), newConversation()]
    const [sentA, sentB] = await Promise.all([say(a, 'to a'), say(b, 'to b')])
    expect(sentA.conversation.id).not.toBe(sentB.conversation.id)
    const [replyA] = await stack.inbox.waitFor(1, inConversation(a))
    const [replyB] = await stack.inbox.waitFor(1, inConversation(b))
    expect(replyA!.body).toMatchObject({
      payload: { text: 'You said: to a' },
      botpressConversationId: sentA.conversation.id,
    })
    expect(replyB!.body).toMatchObject({
      payload: { text: 'You said: to b' },
      botpressConversationId: sentB.conversation.id,
    })
  })
})

describe('two bots through one integration server', () => {
  it('delivers each bot reply only to its own responseEndpointURL', async () => {
    const otherInbox = new Inbox((entry) => openApiConformance.delivery(entry))
    const otherUrl = await otherInbox.start()
    try {
      const other = await stack.cloud.install({
        configuration: { responseEndpointURL: otherUrl },
        botUrl: stack.botUrl,
      })
      const conversationId = newConversation()
      await say(conversationId, 'for the first bot')
      expect(
        (await stack.post(textMessage({ conversationId, text: 'for the second bot' }), { install: other })).status
      ).toBe(200)

      const [mine] = await stack.inbox.waitFor(1, inConversation(conversationId))
      const [theirs] = await otherInbox.waitFor(1, inConversation(conversationId))
      expect(mine!.body.payload).toEqual({ text: 'You said: for the first bot' })
      expect(theirs!.body.payload).toEqual({ text: 'You said: for the second bot' })
      expect(theirs!.body.botpressUserId).toBe(other.botId)
      // Each store holds its own conversation for the same caller id.
      expect(theirs!.body.botpressConversationId).not.toBe(mine!.body.botpressConversationId)
      expect(otherInbox.entries.filter(inConversation(conversationId))).toHaveLength(1)
      expect(stack.inbox.entries.filter(inConversation(conversationId))).toHaveLength(1)
    } finally {
      await otherInbox.stop()
    }
  })
})
