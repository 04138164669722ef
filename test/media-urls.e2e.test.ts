import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, textMessage, type Stack } from './support/stack'

// Media URLs reach the bot and the channels it forwards to: only http(s) is written, on every field of
// every type that holds one, nested ones included.
let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const GOOD = 'https://example.com/a.png'
const card = (imageUrl: string, actionUrl = GOOD) => ({
  title: 'Card',
  imageUrl,
  actions: [{ action: 'url', label: 'Open', value: actionUrl }],
})

/** Each media field, as a message that puts `url` there. */
const FIELDS: [string, (url: string) => Record<string, unknown>][] = [
  ['payload.imageUrl', (url) => ({ type: 'image', payload: { imageUrl: url } })],
  ['payload.audioUrl', (url) => ({ type: 'audio', payload: { audioUrl: url } })],
  ['payload.videoUrl', (url) => ({ type: 'video', payload: { videoUrl: url } })],
  ['payload.fileUrl', (url) => ({ type: 'file', payload: { fileUrl: url, title: 'Terms' } })],
  ['payload.imageUrl', (url) => ({ type: 'card', payload: card(url) })],
  ['payload.actions.0.value', (url) => ({ type: 'card', payload: card(GOOD, url) })],
  ['payload.items.1.imageUrl', (url) => ({ type: 'carousel', payload: { items: [card(GOOD), card(url)] } })],
  [
    'payload.items.0.payload.imageUrl',
    (url) => ({ type: 'bloc', payload: { items: [{ type: 'image', payload: { imageUrl: url } }] } }),
  ],
]
const SCHEMES = ['file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', 'ftp://x.org/a']

describe('media URLs in messages', () => {
  it.each(FIELDS.flatMap(([path, at]) => SCHEMES.map((url) => [path, url, at] as const)))(
    '%s = %s: 400 naming the field, nothing written',
    async (path, url, at) => {
      const before = stack.store().recordCounts()
      const { status, json } = await stack.post(textMessage({ text: 'a picture', ...at(url) }))
      expect(status).toBe(400)
      expect(json.error.code).toBe('invalid_body')
      expect(json.error.issues).toEqual([{ path, message: expect.stringContaining(path) }])
      if (url.startsWith('data:')) expect(json.error.issues[0].message).toContain('https URL serves them')
      expect(stack.store().recordCounts()).toEqual(before)
    }
  )

  it.each(FIELDS)('%s with an http(s) URL is written', async (_path, at) => {
    const { status } = await stack.post(textMessage({ text: 'a picture', ...at(GOOD) }))
    expect(status).toBe(200)
  })

  it('leaves the extra fields of a text message, and the payload of a type of your own, as they are', async () => {
    const text = await stack.post(textMessage({ payload: { text: 'Hello bot', imageUrl: 'file:///x' } }))
    const own = await stack.post(textMessage({ type: 'sticker', payload: { imageUrl: 'data:,x' } }))
    expect([text.status, own.status]).toEqual([200, 200])
  })
})
