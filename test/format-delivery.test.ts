import { describe, expect, it } from 'vitest'
import { formatDelivery } from '../dev/inbox/format-delivery'

const base = { conversationId: 'chat-1', botpressMessageId: 'msg_1' }

describe('formatDelivery', () => {
  it.each([
    [{ type: 'text', payload: { text: 'Hi' } }, 'chat-1 ← text "Hi" (msg_1)'],
    [{ type: 'image', payload: { imageUrl: 'https://x/a.png' } }, 'chat-1 ← image "https://x/a.png" (msg_1)'],
    [{ type: 'carousel', payload: { items: [{}, {}] } }, 'chat-1 ← carousel 2 cards (msg_1)'],
    [{ type: 'location', payload: { latitude: 1.5, longitude: 2 } }, 'chat-1 ← location 1.5, 2 (msg_1)'],
    [{ type: 'event', name: 'demo', payload: { a: 1 } }, 'chat-1 ← event "demo" {"a":1} (msg_1)'],
  ])('prints %j on one line', (delivery, line) => {
    expect(formatDelivery({ ...base, ...delivery })).toBe(line)
  })

  it('shortens long text to one readable line', () => {
    const line = formatDelivery({ ...base, type: 'text', payload: { text: 'x'.repeat(500) } })
    expect(line.length).toBeLessThan(120)
    expect(line).toContain('…')
  })

  it('copes with a body that is not a delivery', () => {
    expect(formatDelivery({})).toBe('(no conversationId) ← undefined {}')
  })
})
