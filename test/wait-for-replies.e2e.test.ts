import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_REASON } from '../dev/bot/replies'
import { pollDelayMs, WAIT_RULES } from '../src/inbound/prefer-wait'
import { startFaultReceiver } from './support/fault-receiver'
import { startStack, textMessage, type Stack } from './support/stack'

// Replies in the answer (`Prefer: wait`), on the local cloud with the demo bot.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())
afterEach(() => {
  stack.cloud.api.faults.refusedOperations = {}
})

let counter = 0
const waitFor = async (text: string, wait: string, extra: Record<string, unknown> = {}) => {
  const body = textMessage({ conversationId: `wait-${++counter}`, text, ...extra })
  const started = Date.now()
  const answer = await stack.post(body, { headers: { prefer: wait } })
  return { ...answer, body, elapsedMs: Date.now() - started }
}
const texts = (replies: { payload: { text: string } }[]) => replies.map((r) => r.payload.text)
const callsSinceReset = () => Object.fromEntries(stack.cloud.api.calls)
/** How many status reads the poll schedule (pollDelayMs) allows within `ms`: the most a waited request may make. */
const readsWithin = (ms: number) => {
  let reads = 0
  for (let at = pollDelayMs(0); at <= ms; at += pollDelayMs(reads)) reads++
  return reads
}

describe('Prefer: wait, ended by the bot status', () => {
  it('answers with one reply in the delivery envelope once the bot has processed the message', async () => {
    const { status, json, headers, body } = await waitFor('hello', 'wait=5')
    expect(status).toBe(200)
    expect(headers.get('preference-applied')).toBe('wait=5')
    expect(json).toMatchObject({ complete: true, outcome: 'processed', waitRule: 'status' })
    expect(json).not.toHaveProperty('failureReason')
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
    // Ended by the bot's status, not by a quiet second (how fast: `npm run bench:wait`).
    // The same reply was delivered to the endpoint too, with the same envelope.
    const [delivered] = await stack.inbox.waitFor(1, (e) => e.body.botpressMessageId === reply.botpressMessageId)
    expect(delivered!.body).toEqual(reply)
  })

  it('answers with several replies in the bot order', async () => {
    const { json } = await waitFor('many', 'wait=5')
    expect(json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(texts(json.replies)).toEqual(['Message 1 of 3', 'Message 2 of 3', 'Message 3 of 3'])
  })

  it('keeps waiting across a pause longer than a second, until the bot is done', async () => {
    const { json, elapsedMs } = await waitFor('pause', 'wait=10')
    expect(json).toMatchObject({ complete: true, outcome: 'processed', waitRule: 'status' })
    expect(texts(json.replies)).toEqual(['Let me check…', 'Here it is, 2.5 s later.'])
    expect(elapsedMs).toBeGreaterThanOrEqual(2650)
    console.log(`waited request, bot replying at 0.1 s and 2.6 s, done at 2.65 s: answered in ${elapsedMs} ms`)
  })

  it('says when the bot failed, with the reason, and gives the replies it sent before', async () => {
    const { json } = await waitFor('fail', 'wait=5')
    expect(json).toMatchObject({ complete: true, outcome: 'failed', failureReason: FAILURE_REASON })
    expect(texts(json.replies)).toEqual(['I am about to fail on purpose.'])
  })

  it('is complete with no replies when the bot finished without answering', async () => {
    const { json } = await waitFor('silent', 'wait=5')
    expect(json).toMatchObject({ replies: [], complete: true, outcome: 'processed', waitRule: 'status' })
  })

  it('waits for a slow first reply inside the wait', async () => {
    const { json, elapsedMs } = await waitFor('delay 2', 'wait=6')
    expect(json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(texts(json.replies)).toEqual(['Answered after 2 s'])
    expect(elapsedMs).toBeGreaterThanOrEqual(2000)
  })

  it('gives empty replies and complete: false when the bot is still at it when the wait runs out', async () => {
    const { json, elapsedMs } = await waitFor('delay 5', 'wait=1')
    expect(json).toMatchObject({ replies: [], complete: false, waitRule: 'status' })
    expect(json).not.toHaveProperty('outcome')
    expect(elapsedMs).toBeGreaterThanOrEqual(1000)
    expect(elapsedMs).toBeLessThan(5000)
  })

  it('gives the replies so far and complete: false when the wait runs out mid-turn', async () => {
    const { json } = await waitFor('pause', 'wait=2')
    expect(json).toMatchObject({ complete: false })
    expect(texts(json.replies)).toEqual(['Let me check…'])
  })

  it('clamps a wait above the maximum and says so in Preference-Applied', async () => {
    const { json, headers } = await waitFor('hello', 'wait=3600')
    expect(headers.get('preference-applied')).toBe(`wait=${WAIT_RULES.maxSeconds}`)
    expect(json.complete).toBe(true)
  })

  it('returns the replies already given for a resent messageId, without a second turn or event', async () => {
    const first = await waitFor('many', 'wait=5')
    const again = await stack.post(first.body, { headers: { prefer: 'wait=5' } })
    expect(again.json.message.id).toBe(first.json.message.id)
    expect(again.json.replies).toEqual(first.json.replies)
    expect(again.json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(stack.store().listMessages(first.json.conversation.id, {})).toHaveLength(4)
    expect(stack.store().listEvents({ messageId: first.json.message.id })).toHaveLength(1)
  })

  it('costs one status read per poll and one read of the replies', async () => {
    stack.cloud.api.resetCalls()
    const echo = await waitFor('hello', 'wait=10')
    const echoCalls = callsSinceReset()
    expect(echoCalls.listMessages).toBe(1)
    expect(echoCalls.listEvents).toBe(1)
    expect(echoCalls.listEvents! + (echoCalls.getEvent ?? 0)).toBeLessThanOrEqual(readsWithin(echo.elapsedMs))

    stack.cloud.api.resetCalls()
    const slow = await waitFor('slow', 'wait=10')
    const slowCalls = callsSinceReset()
    expect(texts(slow.json.replies)).toEqual(['Sorry for the wait: 1 s'])
    expect(slowCalls.listEvents).toBe(1)
    expect(slowCalls.listMessages).toBe(1)
    // Reads at 0.1, 0.25, 0.475, 0.725, 0.975 s, then every 0.25 s: about 5 to reach 1 s.
    expect(slowCalls.listEvents! + slowCalls.getEvent!).toBeLessThanOrEqual(readsWithin(slow.elapsedMs))
    expect(slowCalls.getEvent).toBeGreaterThanOrEqual(1)
    console.log(
      `waited requests: echo ${JSON.stringify(echoCalls)} in ${echo.elapsedMs} ms; ` +
        `bot answering once after 1 s ${JSON.stringify(slowCalls)} in ${slow.elapsedMs} ms`
    )
  })

  it('answers at once without the header, as before, reading neither status nor replies', async () => {
    stack.cloud.api.resetCalls()
    const { json, headers } = await waitFor('slow', '')
    expect(json.replies).toBeUndefined()
    expect(json.complete).toBeUndefined()
    expect(json.outcome).toBeUndefined()
    expect(headers.get('preference-applied')).toBeNull()
    const calls = callsSinceReset()
    expect([calls.listEvents, calls.getEvent, calls.listMessages]).toEqual([undefined, undefined, undefined])
  })
})

describe('Prefer: wait, falling back to a quiet second', () => {
  it.each([403, 500])('when Botpress refuses listEvents with %i, and says so', async (refusal) => {
    stack.cloud.api.faults.refusedOperations = { listEvents: refusal }
    const { json, elapsedMs } = await waitFor('many', 'wait=5')
    expect(json).toMatchObject({ complete: true, waitRule: 'silence' })
    expect(json).not.toHaveProperty('outcome')
    expect(texts(json.replies)).toEqual(['Message 1 of 3', 'Message 2 of 3', 'Message 3 of 3'])
    expect(elapsedMs).toBeGreaterThanOrEqual(WAIT_RULES.settleMs)
  })

  it('still ends before the wait, with what arrived, when the bot pauses longer than a second', async () => {
    stack.cloud.api.faults.refusedOperations = { listEvents: 403 }
    const { json } = await waitFor('pause', 'wait=10')
    // The silence rule cannot tell a pause from the end: why the bot status is read first.
    expect(json).toMatchObject({ complete: true, waitRule: 'silence' })
    expect(texts(json.replies)).toEqual(['Let me check…'])
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
