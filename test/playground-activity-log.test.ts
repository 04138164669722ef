import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { ActivityLog } from '../dev/playground/activity-log'
import { deliveryEntry, exchangeEntry } from '../dev/playground/record'
import type { InboxEntry } from '../dev/inbox/inbox'

const SECRET = `whsec_${Buffer.from('a-test-signing-secret-of-32-byte').toString('base64')}`
const note = (message: string) => ({
  kind: 'note' as const,
  at: new Date().toISOString(),
  level: 'info' as const,
  message,
})

const signedDelivery = (id: string, at: string, secret = SECRET): InboxEntry => {
  const raw = JSON.stringify({ type: 'text', payload: { text: 'hi' }, conversationId: 'c' })
  const timestamp = new Date(at)
  const signature = new Webhook(secret).sign(id, timestamp, raw)
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(+timestamp / 1000)),
    'webhook-signature': signature,
  }
  return { at, headers, body: JSON.parse(raw), raw, status: 200 }
}

describe('playground activity log', () => {
  it('keeps the last entries in order, numbered, and tells subscribers', () => {
    const log = new ActivityLog(3)
    const told: number[] = []
    const unsubscribe = log.subscribe((entry) => told.push(entry.seq))
    for (const n of [1, 2, 3, 4, 5]) log.add(note(`n${n}`))
    unsubscribe()
    log.add(note('n6'))
    expect(log.snapshot().map((e) => e.seq)).toEqual([4, 5, 6])
    expect(told).toEqual([1, 2, 3, 4, 5])
  })

  it('masks the Authorization header of a webhook exchange', () => {
    const entry = exchangeEntry({
      at: '2026-01-01T00:00:00.000Z',
      durationMs: 3,
      request: {
        method: 'POST',
        url: 'http://x',
        headers: { authorization: 'bearer local-personal-access-token' },
        body: '',
      },
      response: { status: 200, headers: {}, body: '{}' },
    })
    expect(JSON.stringify(entry)).not.toContain('personal-access')
    expect(entry.kind === 'exchange' && entry.request.headers.authorization).toBe('bearer loca…oken')
  })

  it('numbers the attempts of one delivery and times them from the first', () => {
    const log = new ActivityLog()
    const now = Date.now()
    const first = log.add(deliveryEntry(signedDelivery('msg_1', new Date(now).toISOString()), 'http://i', SECRET, []))
    const second = deliveryEntry(signedDelivery('msg_1', new Date(now + 1500).toISOString()), 'http://i', SECRET, [
      first,
    ])
    expect(first).toMatchObject({ attempt: 1, sinceFirstAttemptMs: 0, signature: 'valid' })
    expect(second).toMatchObject({ attempt: 2, sinceFirstAttemptMs: 1500 })
  })

  it('says whether the signature verifies with the bot secret', () => {
    const at = new Date().toISOString()
    const other = `whsec_${Buffer.from('another-signing-secret-of-32-byt').toString('base64')}`
    expect(deliveryEntry(signedDelivery('m', at, other), 'http://i', SECRET, [])).toMatchObject({
      signature: 'invalid',
    })
    expect(deliveryEntry(signedDelivery('m', at), 'http://i', undefined, [])).toMatchObject({ signature: 'unchecked' })
    const unsigned = { at, headers: { 'webhook-id': 'm' }, body: {}, raw: '{}', status: 200 }
    expect(deliveryEntry(unsigned, 'http://i', SECRET, [])).toMatchObject({ signature: 'unsigned' })
  })
})
