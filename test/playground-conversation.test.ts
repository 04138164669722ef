import { describe, expect, it } from 'vitest'
import type { DeliveryEntry, ExchangeEntry, LogEntry } from '../dev/playground/entries'
import { apiError, conversationOf } from '../dev/playground/page/conversation'
import { messageBody, payloadFrom } from '../dev/playground/page/compose'
import { describeWaited, waitedOf } from '../dev/playground/page/waited'

/** Entries happen one second apart, in the order of their `seq`. */
const at = (seq: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString()

const exchange = (seq: number, sent: unknown, status: number, answer: unknown): ExchangeEntry => ({
  kind: 'exchange',
  seq,
  at: at(seq),
  durationMs: 5,
  request: { method: 'POST', url: 'http://127.0.0.1/webhooks/demo', headers: {}, body: JSON.stringify(sent) },
  response: { status, headers: {}, body: JSON.stringify(answer) },
})

const delivery = (seq: number, webhookId: string, body: unknown, attempt = 1, status = 200): DeliveryEntry => ({
  kind: 'delivery',
  seq,
  at: at(seq),
  url: 'http://127.0.0.1/inbox',
  headers: { 'webhook-id': webhookId },
  body: JSON.stringify(body),
  status,
  signature: 'valid',
  attempt,
  sinceFirstAttemptMs: 0,
})

const INVALID = {
  error: {
    code: 'invalid_body',
    message: 'The request body is invalid: payload.imageUrl is required.',
    issues: [{ path: 'payload.imageUrl', message: 'payload.imageUrl is required' }],
  },
}

describe('playground conversation view', () => {
  const log: LogEntry[] = [
    exchange(1, { conversationId: 'chat-1', type: 'text', text: 'hello' }, 200, {}),
    delivery(2, 'msg_a', { conversationId: 'chat-1', type: 'text', payload: { text: 'You said: hello' } }, 1, 500),
    delivery(3, 'msg_a', { conversationId: 'chat-1', type: 'text', payload: { text: 'You said: hello' } }, 2, 200),
    exchange(4, { conversationId: 'chat-2', type: 'text', text: 'elsewhere' }, 200, {}),
    exchange(5, { conversationId: 'chat-1', type: 'image', text: 'image' }, 400, INVALID),
    exchange(6, 'not an object', 401, { error: { code: 'invalid_token', message: 'Create a token' } }),
    delivery(7, 'ping_1', { type: 'ping', payload: {} }),
  ]

  it('shows the conversation in order: sent messages, replies once per webhook-id, and errors', () => {
    const bubbles = conversationOf(log, 'chat-1')
    expect(bubbles.map((b) => b.key)).toEqual(['user-1', 'bot-msg_a', 'error-5', 'error-6'])
    expect(bubbles[0]).toMatchObject({ from: 'user', content: { type: 'text', payload: { text: 'hello' } } })
    expect(bubbles[1]).toMatchObject({ from: 'bot', attempts: 2, lastStatus: 200 })
  })

  it('keeps other conversations out, but not errors that name no conversation', () => {
    expect(conversationOf(log, 'chat-2').map((b) => b.key)).toEqual(['user-4', 'error-6'])
  })

  it('shows custom events both ways with their name and payload', () => {
    const events: LogEntry[] = [
      exchange(1, { conversationId: 'chat-9', userId: 'u', name: 'order shipped', payload: { id: 7 } }, 200, {}),
      delivery(2, 'evt_1', { conversationId: 'chat-9', type: 'event', name: 'survey', payload: { score: 5 } }),
    ]
    expect(conversationOf(events, 'chat-9').map((b) => (b as { content?: unknown }).content)).toEqual([
      { type: 'event', payload: { name: 'order shipped', payload: { id: 7 } } },
      { type: 'event', payload: { name: 'survey', payload: { score: 5 } } },
    ])
  })

  it('shows how a waited turn ended when the answer came, after the replies it waited for', () => {
    const reply = { conversationId: 'chat-5', type: 'text', payload: { text: 'Let me check…' } }
    const answer = { replies: [reply], complete: true, outcome: 'failed', failureReason: 'boom', waitRule: 'status' }
    const waitedLog: LogEntry[] = [
      delivery(2, 'msg_r', reply),
      // Sent at 1 s, answered at 3 s: logged after the reply delivered at 2 s.
      {
        ...exchange(3, { conversationId: 'chat-5', type: 'text', text: 'fail' }, 200, answer),
        at: at(1),
        durationMs: 2000,
      },
    ]
    const bubbles = conversationOf(waitedLog, 'chat-5')
    expect(bubbles.map((b) => b.key)).toEqual(['user-3', 'bot-msg_r', 'outcome-3'])
    expect(bubbles[2]).toMatchObject({
      from: 'outcome',
      at: at(3),
      waited: { complete: true, replies: 1, outcome: 'failed', failureReason: 'boom', waitRule: 'status' },
    })
  })

  it("shows the bot's messages a read, the feed or a waited answer returned, once each, delivered or not", () => {
    const envelope = (id: string, conversationId: string, text: string, seconds: number) => ({
      type: 'text',
      payload: { text },
      conversationId,
      botpressMessageId: id,
      createdAt: at(seconds),
    })
    const feed = (seq: number, messages: unknown[]): ExchangeEntry => ({
      ...exchange(seq, '', 200, { messages, hasMore: false, cursor: 'msg_c' }),
      request: { method: 'GET', url: 'http://127.0.0.1/webhooks/demo/messages', headers: {}, body: '' },
    })
    const readLog: LogEntry[] = [
      exchange(1, { conversationId: 'chat-3', type: 'text', text: 'hi' }, 200, {
        replies: [envelope('msg_w', 'chat-3', 'waited', 1)],
        complete: true,
      }),
      feed(4, [envelope('msg_w', 'chat-3', 'waited', 1), envelope('msg_o', 'chat-4', 'elsewhere', 3)]),
      feed(6, [envelope('msg_f', 'chat-3', 'from the feed', 5)]),
      delivery(7, 'msg_f', envelope('msg_f', 'chat-3', 'from the feed', 5)),
    ]
    const bubbles = conversationOf(readLog, 'chat-3')
    expect(bubbles.map((b) => b.key)).toEqual(['user-1', 'bot-msg_w', 'outcome-1', 'bot-msg_f'])
    expect(bubbles[1]).toMatchObject({ from: 'bot', at: at(1), attempts: 0, content: { payload: { text: 'waited' } } })
    expect(bubbles[3]).toMatchObject({ attempts: 1, lastStatus: 200 })
    expect(conversationOf(readLog, 'chat-4').map((b) => b.key)).toEqual(['bot-msg_o'])
  })

  it('says in one line how the bot ended, and which rule ended the wait', () => {
    const say = (answer: unknown) => describeWaited(waitedOf(answer)!)
    expect(say({ replies: [{}, {}], complete: true, outcome: 'processed', waitRule: 'status' })).toBe(
      'The bot is done (processed): 2 replies in the answer.'
    )
    expect(
      say({ replies: [], complete: true, outcome: 'failed', failureReason: 'It broke.', waitRule: 'status' })
    ).toBe('The bot failed (0 replies in the answer): It broke.')
    expect(say({ replies: [{}], complete: false, incompleteReason: 'wait_expired', waitRule: 'status' })).toBe(
      'The wait ran out before the bot was done: 1 reply in the answer.'
    )
    expect(say({ replies: [], complete: false, incompleteReason: 'overlap', waitRule: 'status' })).toMatch(
      /^Something else of the conversation ran at the same time.*: 0 replies in the answer\.$/
    )
    expect(say({ replies: [], complete: false, incompleteReason: 'no_status', waitRule: 'silence' })).toBe(
      'Ended after a quiet second: Botpress gave no bot status, so nothing is sure: 0 replies in the answer.'
    )
    expect(waitedOf({ message: {} })).toBeUndefined()
  })

  it('reads the contract error with its field issues', () => {
    expect(apiError(400, JSON.stringify(INVALID))).toEqual({
      status: 400,
      code: 'invalid_body',
      message: 'The request body is invalid: payload.imageUrl is required.',
      issues: [{ path: 'payload.imageUrl', message: 'payload.imageUrl is required' }],
    })
  })

  it('reads other error answers as well as it can', () => {
    expect(apiError(404, '{"message":"Unknown webhook"}')).toMatchObject({
      code: 'http_404',
      message: 'Unknown webhook',
    })
    expect(apiError(502, 'Bad gateway')).toMatchObject({ code: 'http_502', message: 'Bad gateway', issues: [] })
    expect(apiError(200, '{}')).toBeUndefined()
  })
})

describe('playground composer', () => {
  const draft = { userId: 'u', conversationId: 'c', text: '', values: {} }

  it('sends text without a payload', () => {
    expect(messageBody({ ...draft, type: 'text', text: 'hi' }, 'm1')).toEqual({
      userId: 'u',
      messageId: 'm1',
      conversationId: 'c',
      type: 'text',
      text: 'hi',
    })
  })

  it('builds each field kind of a payload and leaves empty fields out', () => {
    expect(payloadFrom('location', { latitude: '45.5', longitude: '-73.5', address: ' ' })).toEqual({
      latitude: 45.5,
      longitude: -73.5,
    })
    expect(payloadFrom('choice', { text: 'Pick', options: 'yes, no,' })).toEqual({
      text: 'Pick',
      options: [
        { label: 'yes', value: 'yes' },
        { label: 'no', value: 'no' },
      ],
    })
    expect(payloadFrom('card', { title: 'T', actions: 'Yes = yes\nDocs = https://example.com' }).actions).toEqual([
      { action: 'postback', label: 'Yes', value: 'yes' },
      { action: 'url', label: 'Docs', value: 'https://example.com' },
    ])
    expect(payloadFrom('carousel', { items: '[{"title":"A"}]' })).toEqual({ items: [{ title: 'A' }] })
  })

  it('says which field holds invalid JSON', () => {
    expect(() => payloadFrom('bloc', { items: '[' })).toThrow('Items (JSON array): not valid JSON')
  })

  it('gives a rich message its type as summary text', () => {
    expect(messageBody({ ...draft, type: 'image', values: { imageUrl: 'https://x/y.png' } }, 'm2')).toMatchObject({
      text: 'image',
      payload: { imageUrl: 'https://x/y.png' },
    })
  })
})
