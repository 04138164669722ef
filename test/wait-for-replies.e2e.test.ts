import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_REASON } from '../dev/bot/replies'
import { WAIT_RULES } from '../src/inbound/request/prefer-wait'
import { startFaultReceiver } from './support/fault-receiver'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

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
/** Every Botpress call of the last request, in all. */
const totalCalls = () => [...stack.cloud.api.calls.values()].reduce((sum, count) => sum + count, 0)

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

  it('costs a look before writing, a handful of status reads, and one read of the events and of the replies', async () => {
    stack.cloud.api.resetCalls()
    const echo = await waitFor('hello', 'wait=10')
    const echoCalls = callsSinceReset()
    // A new conversation: the look before writing finds none, so it reads no events. The reply, sent on this
    // instance, wakes the wait: it reads the status just after it.
    expect(echoCalls.listConversations).toBe(1)
    expect(echoCalls.listMessages).toBe(1)
    expect(echo.json).toMatchObject({ complete: true })
    expect(echo.elapsedMs).toBeLessThan(1_000)

    stack.cloud.api.resetCalls()
    const started = Date.now()
    const slow = await stack.post(textMessage({ conversationId: echo.body.conversationId, text: 'delay 5' }), {
      headers: { prefer: 'wait=10' },
    })
    const slowMs = Date.now() - started
    const slowCalls = callsSinceReset()
    expect(texts(slow.json.replies)).toEqual(['Answered after 5 s'])
    expect(slow.json).toMatchObject({ complete: true, outcome: 'processed' })
    // A known conversation: the look reads its events too; status reads at 0.25, 3.25 s, then just after the
    // reply. At most 10 calls, the reply's tag (updateMessage, the channel handler's) and the bot's own aside.
    const ownCalls = totalCalls() - (slowCalls.updateMessage ?? 0) - (slowCalls.createMessage ?? 0)
    expect(ownCalls).toBeLessThanOrEqual(10)
    console.log(
      `waited requests: echo in a new conversation ${JSON.stringify(echoCalls)} in ${echo.elapsedMs} ms; ` +
        `bot answering after 5 s in a known one ${JSON.stringify(slowCalls)} in ${slowMs} ms`
    )
  }, 20_000)

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

describe('Prefer: wait, when Botpress gives no status', () => {
  it.each([403, 500])(
    'falls back to a quiet second when listEvents answers %i, and answers no reply it cannot attribute',
    async (refusal) => {
      stack.cloud.api.faults.refusedOperations = { listEvents: refusal }
      const { json, elapsedMs } = await waitFor('many', 'wait=5')
      // Without the conversation's events, nothing tells the bot's replies to this message from others'.
      expect(json).toMatchObject({
        replies: [],
        complete: false,
        incompleteReason: 'no_status',
        waitRule: 'silence',
        cursor: json.message.id,
      })
      expect(json).not.toHaveProperty('outcome')
      expect(elapsedMs).toBeGreaterThanOrEqual(WAIT_RULES.settleMs)
    }
  )
})

describe('Prefer: wait, when turns overlap', () => {
  it('two messages close together: `slow`, then `hello` 300 ms later; neither answer holds the other one’s reply', async () => {
    const conversationId = `overlap-${++counter}`
    const slow = stack.post(textMessage({ conversationId, text: 'slow' }), { headers: { prefer: 'wait=10' } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const hello = await stack.post(textMessage({ conversationId, text: 'hello' }), { headers: { prefer: 'wait=10' } })
    const first = await slow
    for (const { json } of [first, hello]) {
      expect(json).toMatchObject({ complete: false, incompleteReason: 'overlap', outcome: 'processed' })
      expect(json.cursor).toBe(json.replies.at(-1)?.botpressMessageId ?? json.message.id)
    }
    expect(texts(first.json.replies)).not.toContain('You said: hello')
    expect(texts(hello.json.replies)).not.toContain('Sorry for the wait: 1 s')
    console.log(
      `overlap: slow ${JSON.stringify(texts(first.json.replies))}, hello ${JSON.stringify(texts(hello.json.replies))}`
    )
    // The rest is read from the cursor: both replies, once each.
    const read = await fetch(
      `${stack.cloud.webhookUrl(stack.installation)}/messages?conversationId=${conversationId}&after=${first.json.message.id}`,
      { headers: { authorization: `bearer ${PAT}` } }
    )
    const { messages } = (await read.json()) as { messages: { payload: { text: string } }[] }
    expect(texts(messages).sort()).toEqual(['Sorry for the wait: 1 s', 'You said: hello'])
  })

  it('a resend of an old message finds its own turn by its time, past 60 later exchanges', async () => {
    const conversationId = `resend-old-${++counter}`
    const old = textMessage({ conversationId, text: 'first' })
    const original = await stack.post(old, { headers: { prefer: 'wait=5' } })
    expect(texts(original.json.replies)).toEqual(['You said: first'])
    for (let n = 1; n <= 60; n++) {
      const { json } = await stack.post(textMessage({ conversationId, text: `later ${n}` }), {
        headers: { prefer: 'wait=5' },
      })
      expect(texts(json.replies)).toEqual([`You said: later ${n}`])
    }
    const again = await stack.post(old, { headers: { prefer: 'wait=5' } })
    expect(again.json.message.id).toBe(original.json.message.id)
    // Its reply, never a later one. The next message was sent with a wait: its look saw this one settled, so
    // the later exchanges began after this turn ended.
    expect(again.json.replies).toEqual(original.json.replies)
    expect(again.json).toMatchObject({ complete: true, outcome: 'processed', duplicate: true })
  })
})

describe('Prefer: wait, a safe retry in a conversation under way', () => {
  afterEach(() => {
    stack.store().foundMessageTags = 'kept'
  })

  /** A first exchange, the message, the next exchange, then the message again after `gapMs`. */
  const retryAfterNextTurn = async (gapMs: number) => {
    const conversationId = `retry-${++counter}`
    const send = (body: Record<string, unknown>) => stack.post(body, { headers: { prefer: 'wait=5' } })
    await send(textMessage({ conversationId, text: 'hello' }))
    const message = textMessage({ conversationId, text: 'many' })
    const first = await send(message)
    await send(textMessage({ conversationId, text: 'next' }))
    await new Promise((resolve) => setTimeout(resolve, gapMs))
    return { first, again: await send(message) }
  }

  it.each([1_000, 5_000])('keeps its replies, judged as the first request was (gap %i ms)', async (gapMs) => {
    const { first, again } = await retryAfterNextTurn(gapMs)
    expect(first.json).toMatchObject({ complete: true, duplicate: false })
    expect(texts(first.json.replies)).toEqual(['Message 1 of 3', 'Message 2 of 3', 'Message 3 of 3'])
    expect(again.json).toMatchObject({ complete: true, duplicate: true, outcome: 'processed' })
    expect(again.json.replies).toEqual(first.json.replies)
  })

  it("where Botpress would write a resend's tags over the first ones: never another's reply, never complete", async () => {
    stack.store().foundMessageTags = 'overwritten'
    const { first, again } = await retryAfterNextTurn(0)
    expect(again.json).toMatchObject({ duplicate: true, complete: false, incompleteReason: 'overlap' })
    for (const reply of again.json.replies) expect(first.json.replies).toContainEqual(reply)
  })
})

describe('Prefer: wait, after the bot scheduled a reminder', () => {
  it('a reminder waiting for tomorrow is not something that ran: the next waited messages are complete', async () => {
    const conversationId = 'wait-reminder'
    const send = (text: string) => stack.post(textMessage({ conversationId, text }), { headers: { prefer: 'wait=5' } })
    const scheduled = await send('remind')
    expect(scheduled.json).toMatchObject({ complete: true, outcome: 'processed' })
    expect(texts(scheduled.json.replies)).toEqual(['I will remind you tomorrow.'])
    const events = stack.store().listEvents({ conversationId: scheduled.json.conversation.id, type: 'reminder' })
    expect(events.map((e) => e.status)).toEqual(['scheduled'])
    for (const text of ['one', 'two', 'three']) {
      const { json } = await send(text)
      expect(json).toMatchObject({ complete: true, outcome: 'processed' })
      expect(texts(json.replies)).toEqual([`You said: ${text}`])
    }
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
