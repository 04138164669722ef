import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WAIT_RULES } from '../src/inbound/prefer-wait'
import { startFaultReceiver } from './support/fault-receiver'
import { startStack, textMessage, type Stack } from './support/stack'

// Replies in the answer (`Prefer: wait`), on the local cloud with the demo bot.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())

let counter = 0
const waitFor = async (text: string, wait: string, extra: Record<string, unknown> = {}) => {
  const body = textMessage({ conversationId: `wait-${++counter}`, text, ...extra })
  const started = Date.now()
  const answer = await stack.post(body, { headers: { prefer: wait } })
  return { ...answer, body, elapsedMs: Date.now() - started }
}
const texts = (replies: { payload: { text: string } }[]) => replies.map((r) => r.payload.text)

describe('Prefer: wait', () => {
  it('answers with one reply in the delivery envelope, complete after the settle period', async () => {
    const { status, json, headers, body } = await waitFor('hello', 'wait=5')
    expect(status).toBe(200)
    expect(headers.get('preference-applied')).toBe('wait=5')
    expect(json.complete).toBe(true)
    expect(json.replies).toHaveLength(1)
    const [reply] = json.replies
    expect(reply).toEqual({
      type: 'text',
      payload: { text: 'You said: hello' },
      conversationId: body.conversationId,
      botpressUserId: stack.installation.botId,
      botpressMessageId: expect.any(String),
      botpressConversationId: json.conversation.id,
      createdAt: expect.any(String),
    })
    // The same reply was delivered to the endpoint too, with the same envelope.
    const [delivered] = await stack.inbox.waitFor(1, (e) => e.body.botpressMessageId === reply.botpressMessageId)
    expect(delivered!.body).toEqual(reply)
  })

  it('answers with several replies in the bot order', async () => {
    const { json } = await waitFor('many', 'wait=5')
    expect(json.complete).toBe(true)
    expect(texts(json.replies)).toEqual(['Message 1 of 3', 'Message 2 of 3', 'Message 3 of 3'])
  })

  it('waits for a slow first reply inside the wait', async () => {
    const { json, elapsedMs } = await waitFor('delay 2', 'wait=6')
    expect(json.complete).toBe(true)
    expect(texts(json.replies)).toEqual(['Answered after 2 s'])
    expect(elapsedMs).toBeGreaterThanOrEqual(2000 + WAIT_RULES.settleMs)
  })

  it('gives empty replies and complete: false when the bot does not answer within the wait', async () => {
    const { json, elapsedMs } = await waitFor('silent', 'wait=2')
    expect(json).toMatchObject({ replies: [], complete: false })
    expect(elapsedMs).toBeGreaterThanOrEqual(1700)
    expect(elapsedMs).toBeLessThan(4000)
  })

  it('gives what arrived and complete: false when the wait runs out mid-answer', async () => {
    const { json } = await waitFor('delay 3', 'wait=1')
    expect(json).toMatchObject({ replies: [], complete: false })
  })

  it('clamps a wait above the maximum and says so in Preference-Applied', async () => {
    const { json, headers } = await waitFor('hello', 'wait=3600')
    expect(headers.get('preference-applied')).toBe(`wait=${WAIT_RULES.maxSeconds}`)
    expect(json.complete).toBe(true)
  })

  it('returns the replies already given for a resent messageId, without a second turn', async () => {
    const first = await waitFor('many', 'wait=5')
    const again = await stack.post(first.body, { headers: { prefer: 'wait=5' } })
    expect(again.json.message.id).toBe(first.json.message.id)
    expect(again.json.replies).toEqual(first.json.replies)
    expect(again.json.complete).toBe(true)
    expect(stack.store().listMessages(first.json.conversation.id, {})).toHaveLength(4)
  })

  it('costs a bounded number of API calls for a bot that answers once after 1 s', async () => {
    stack.cloud.api.resetCalls()
    const { json, elapsedMs } = await waitFor('slow', 'wait=10')
    const calls = Object.fromEntries(stack.cloud.api.calls)
    expect(texts(json.replies)).toEqual(['Sorry for the wait: 1 s'])
    // Besides the intake's three calls, one list per poll: about (1 s + settle) / poll interval of them.
    const polls = calls.listMessages ?? 0
    expect(polls).toBeLessThanOrEqual(Math.ceil((1000 + WAIT_RULES.settleMs + 500) / WAIT_RULES.pollMs) + 1)
    console.log(`waited request, bot answering once after 1 s: ${JSON.stringify(calls)} in ${elapsedMs} ms`)
  })

  it('answers at once without the header, as before', async () => {
    const { json, headers } = await waitFor('slow', '')
    expect(json.replies).toBeUndefined()
    expect(json.complete).toBeUndefined()
    expect(headers.get('preference-applied')).toBeNull()
  })
})

describe('ordering of deliveries', () => {
  it('delivers several messages in the bot order, with increasing createdAt, to a slow endpoint', async () => {
    const receiver = await startFaultReceiver(() => ({ kind: 'slow', ms: 150 }))
    try {
      const slow = await stack.cloud.install({
        configuration: { responseEndpointURL: receiver.url },
        botUrl: stack.botUrl,
      })
      const { status } = await stack.post(textMessage({ conversationId: 'ordered', text: 'all' }), { install: slow })
      expect(status).toBe(200)
      const ordered = () => receiver.attempts.filter((a) => a.raw.includes('"ordered"'))
      const deadline = Date.now() + 10_000
      while (ordered().length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      const bodies = ordered().map((a) => JSON.parse(a.raw))
      expect(bodies.map((b) => b.type)).toEqual([
        'text',
        'markdown',
        'image',
        'audio',
        'video',
        'file',
        'location',
        'card',
        'carousel',
        'dropdown',
        'choice',
        'bloc',
      ])
      const times = bodies.map((b) => Date.parse(b.createdAt))
      expect(times).toEqual([...times].sort((a, b) => a - b))
    } finally {
      await receiver.close()
    }
  })
})
