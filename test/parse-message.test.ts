import { describe, expect, it } from 'vitest'
import { HttpError } from '../src/errors'
import { LIMITS } from '../definitions/limits'
import { MESSAGE_TYPES, parseInboundMessage } from '../src/inbound/write/parse-message'

const valid = { userId: 'u1', messageId: 'm1', conversationId: 'c1', type: 'text', text: 'hello' }

const rejection = (body: unknown): HttpError => {
  try {
    parseInboundMessage(body)
  } catch (thrown) {
    if (thrown instanceof HttpError) return thrown
    throw thrown
  }
  throw new Error('expected a rejection')
}

describe('parseInboundMessage', () => {
  it('turns a text message without payload into { text }', () => {
    expect(parseInboundMessage(valid)).toEqual({
      userId: 'u1',
      messageId: 'm1',
      conversationId: 'c1',
      type: 'text',
      payload: { text: 'hello' },
      profile: {},
    })
  })

  it('ignores extra top-level fields', () => {
    expect(parseInboundMessage({ ...valid, extra: true, botpressUserId: 'x' })).not.toHaveProperty('extra')
  })

  it('keeps a text payload with its extra fields and its text, when it agrees with text', () => {
    expect(parseInboundMessage({ ...valid, payload: { text: 'hello', meta: { a: 1 } } }).payload).toEqual({
      text: 'hello',
      meta: { a: 1 },
    })
    expect(parseInboundMessage({ ...valid, payload: { meta: 1 } }).payload).toEqual({ meta: 1, text: 'hello' })
  })

  it('refuses a text and a payload.text that differ, naming payload.text: neither is silently dropped', () => {
    const error = rejection({ ...valid, text: 'hi', payload: { text: 'other' } })
    expect(error.status).toBe(400)
    expect(error.code).toBe('invalid_body')
    expect(error.issues).toEqual([{ path: 'payload.text', message: expect.stringContaining('differs from text') }])
  })

  for (const field of ['userId', 'messageId', 'conversationId', 'type', 'text'] as const) {
    it(`requires ${field}`, () => {
      const { [field]: _omitted, ...rest } = valid
      const error = rejection(rest)
      expect(error.status).toBe(400)
      expect(error.code).toBe('invalid_body')
      expect(error.issues).toEqual([{ path: field, message: `${field} is required` }])
    })

    it(`rejects an empty ${field}`, () => {
      expect(rejection({ ...valid, [field]: '' }).issues).toEqual([
        { path: field, message: `${field} must not be empty` },
      ])
    })

    it(`rejects a ${field} that is not a string`, () => {
      expect(rejection({ ...valid, [field]: 42 }).issues).toEqual([
        { path: field, message: `${field} must be a string` },
      ])
    })
  }

  it('bounds the length of ids and text', () => {
    const longId = 'x'.repeat(LIMITS.idLength + 1)
    expect(rejection({ ...valid, userId: longId }).issues?.[0]?.message).toMatch(/at most 256 characters/)
    expect(rejection({ ...valid, text: 'x'.repeat(LIMITS.textLength + 1) }).issues?.[0]?.path).toBe('text')
  })

  it('counts characters as Unicode does: an emoji is one, though two UTF-16 units', () => {
    const emoji = '\u{1F600}'
    expect(parseInboundMessage({ ...valid, userId: emoji.repeat(LIMITS.idLength) }).userId).toHaveLength(
      2 * LIMITS.idLength
    )
    expect(rejection({ ...valid, userId: emoji.repeat(LIMITS.idLength + 1) }).issues).toEqual([
      { path: 'userId', message: `userId must be at most ${LIMITS.idLength} characters` },
    ])
  })

  it('names the length of a value that has one beside its type: an array', () => {
    expect(rejection({ ...valid, messageId: [] }).issues).toEqual([
      { path: 'messageId', message: 'messageId must be a string' },
      { path: 'messageId', message: 'messageId must not be empty' },
    ])
    expect(rejection({ ...valid, type: new Array(LIMITS.typeLength + 1).fill('a') }).issues).toEqual([
      { path: 'type', message: 'type must be a string' },
      { path: 'type', message: `type must be at most ${LIMITS.typeLength} characters` },
    ])
  })

  it('refuses a blank type, and names its length too when it is too long', () => {
    expect(rejection({ ...valid, type: '   ' }).issues).toEqual([{ path: 'type', message: 'type must not be blank' }])
    expect(rejection({ ...valid, type: ' '.repeat(LIMITS.typeLength + 1) }).issues).toEqual([
      { path: 'type', message: `type must be at most ${LIMITS.typeLength} characters` },
      { path: 'type', message: 'type must not be blank' },
    ])
  })

  it('keeps a picture URL trimmed, and refuses whitespace inside it', () => {
    const body = { ...valid, userPictureUrl: ' https://example.com/a.png\n' }
    expect(parseInboundMessage(body).profile).toEqual({ pictureUrl: 'https://example.com/a.png' })
    expect(rejection({ ...valid, userPictureUrl: 'https://example.com/a\tb.png' }).issues).toEqual([
      { path: 'userPictureUrl', message: 'userPictureUrl must be an http(s) URL' },
    ])
  })

  it.each([
    'ftp://example.com/a.png',
    'http:example.com',
    'https:/example.com',
    'javascript:alert(1)',
    'https://',
    5,
    null,
    [],
  ])('refuses a picture URL that is not http(s): %j', (userPictureUrl) => {
    expect(rejection({ ...valid, userPictureUrl }).issues).toEqual([
      { path: 'userPictureUrl', message: 'userPictureUrl must be an http(s) URL' },
    ])
  })

  it('bounds a picture URL as sent', () => {
    const max = LIMITS.urlLength
    const url = (length: number) => `https://example.com/${'a'.repeat(length - 20)}`
    expect(parseInboundMessage({ ...valid, userPictureUrl: url(max) }).profile.pictureUrl).toHaveLength(max)
    expect(rejection({ ...valid, userPictureUrl: url(max + 1) }).issues).toEqual([
      { path: 'userPictureUrl', message: `userPictureUrl must be at most ${max} characters` },
    ])
    expect(rejection({ ...valid, userPictureUrl: 'x'.repeat(max + 1) }).issues).toEqual([
      { path: 'userPictureUrl', message: 'userPictureUrl must be an http(s) URL' },
      { path: 'userPictureUrl', message: `userPictureUrl must be at most ${max} characters` },
    ])
  })

  it('lists every problem at once', () => {
    expect(rejection({ type: 'text' }).issues?.map((i) => i.path)).toEqual([
      'userId',
      'messageId',
      'conversationId',
      'text',
    ])
  })

  it.each([null, [], 'text', 42])('rejects a body that is not an object: %j', (body) => {
    expect(rejection(body).message).toMatch(/must be a JSON object/)
  })

  it.each([[[]], ['a string'], [null], [3]])('rejects a payload that is not an object: %j', (payload) => {
    expect(rejection({ ...valid, payload }).issues).toEqual([
      { path: 'payload', message: 'payload must be a JSON object' },
    ])
  })

  it("writes a type of the back-end's own as text, keeping its type and payload beside the text", () => {
    const payload = { options: ['yes', 'no'], chosen: 1 }
    expect(parseInboundMessage({ ...valid, type: 'quick_reply', text: 'no', payload })).toMatchObject({
      type: 'text',
      payload: { text: 'no', originalType: 'quick_reply', originalPayload: payload },
    })
  })

  it.each([['a string'], [42], [[1, 2]], [null]])('keeps any JSON payload of a custom type: %j', (payload) => {
    expect(parseInboundMessage({ ...valid, type: 'postback', payload }).payload).toEqual({
      text: valid.text,
      originalType: 'postback',
      originalPayload: payload,
    })
  })

  it('needs the text of a custom type, and bounds its length like any type', () => {
    expect(rejection({ ...valid, type: 'button', text: undefined }).issues).toEqual([
      { path: 'text', message: 'text is required' },
    ])
    expect(rejection({ ...valid, type: 'x'.repeat(LIMITS.typeLength + 1) }).issues?.[0]?.path).toBe('type')
  })

  it('names the fields a message type does not have, at any depth', () => {
    expect(
      rejection({ ...valid, type: 'image', payload: { imageUrl: 'https://x.test/a.png', alt: 'a' } }).issues
    ).toEqual([{ path: 'payload.alt', message: 'payload.alt is not a field of type "image"' }])
    const card = { title: 'Card', actions: [{ action: 'postback', label: 'Go', value: 'go', color: 'red' }] }
    expect(rejection({ ...valid, type: 'card', payload: card }).issues?.map((i) => i.path)).toEqual([
      'payload.actions.0.color',
    ])
  })

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'names %s as a field a card does not have: only its own fields count',
    (name) => {
      // Parsed from JSON, as the webhook reads it: "__proto__" is then a field of its own, not the prototype.
      const payload = JSON.parse(`{"title":"Card","actions":[],"${name}":{}}`) as unknown
      expect(rejection({ ...valid, type: 'card', payload }).issues).toEqual([
        { path: `payload.${name}`, message: `payload.${name} is not a field of type "card"` },
      ])
    }
  )

  it('names "__proto__" in an image payload and in a card action', () => {
    const image = JSON.parse('{"imageUrl":"https://x.test/a.png","__proto__":{}}') as unknown
    expect(rejection({ ...valid, type: 'image', payload: image }).issues?.map((i) => i.path)).toEqual([
      'payload.__proto__',
    ])
    const card = JSON.parse(
      '{"title":"Card","actions":[{"action":"url","label":"Go","value":"https://x.test","constructor":1}]}'
    ) as unknown
    expect(rejection({ ...valid, type: 'card', payload: card }).issues?.map((i) => i.path)).toEqual([
      'payload.actions.0.constructor',
    ])
  })

  it('rejects a text payload whose text is not a string', () => {
    expect(rejection({ ...valid, payload: { text: 5 } }).issues?.[0]?.path).toBe('payload.text')
  })

  const richPayloads: Record<string, Record<string, unknown>> = {
    markdown: { markdown: '**hi**' },
    image: { imageUrl: 'https://x.test/a.png' },
    audio: { audioUrl: 'https://x.test/a.mp3' },
    video: { videoUrl: 'https://x.test/a.mp4' },
    file: { fileUrl: 'https://x.test/a.pdf', title: 'A' },
    location: { latitude: 45.5, longitude: -73.6 },
    card: { title: 'Card', actions: [{ action: 'postback', label: 'Go', value: 'go' }] },
    carousel: { items: [{ title: 'One', actions: [] }] },
    dropdown: { text: 'Pick', options: [{ label: 'A', value: 'a' }] },
    choice: { text: 'Pick', options: [{ label: 'A', value: 'a' }] },
    bloc: { items: [{ type: 'text', payload: { text: 'x' } }] },
  }

  it('knows a payload example for every supported type', () => {
    expect(Object.keys(richPayloads).sort()).toEqual(MESSAGE_TYPES.filter((t) => t !== 'text').sort())
  })

  for (const [type, payload] of Object.entries(richPayloads)) {
    it(`accepts a valid ${type} payload as given`, () => {
      expect(parseInboundMessage({ ...valid, type, payload }).payload).toEqual(payload)
    })

    it(`requires a payload for ${type}`, () => {
      expect(rejection({ ...valid, type }).issues).toEqual([
        { path: 'payload', message: `payload is required for type "${type}"` },
      ])
    })

    it(`rejects a ${type} payload that misses its fields`, () => {
      const issues = rejection({ ...valid, type, payload: { unrelated: true } }).issues ?? []
      expect(issues.length).toBeGreaterThan(0)
      for (const issue of issues) expect(issue.path).toMatch(/^payload\./)
    })
  }

  it('names the missing field of an image', () => {
    expect(rejection({ ...valid, type: 'image', payload: {} }).issues).toEqual([
      { path: 'payload.imageUrl', message: 'payload.imageUrl is required' },
    ])
  })
})
