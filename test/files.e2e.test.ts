import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../definitions/limits'
import { NO_FAULTS } from '../dev/cloud/faults'
import { FILE_KEY_PREFIX } from '../src/inbound/write/file-intake'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

// Files from the back-end: an upload URL from the webhook (one upsertFile), the bytes PUT straight to it, then
// an ordinary image message with the file's URL; against the local cloud's Botpress Files, with the demo bot.
let stack: Stack

beforeAll(async () => {
  stack = await startStack({ withBot: true })
})
afterAll(() => stack.close())
beforeEach(() => {
  stack.cloud.api.faults = { ...NO_FAULTS }
  stack.cloud.api.resetCalls()
})

const requestUpload = (body: unknown, init: { method?: string; headers?: Record<string, string> } = {}) =>
  stack.post(body, { path: '/files', ...init })

describe('POST /files', () => {
  it('uploads 20 MB in three steps: the webhook request stays small, the bytes come back equal, the bot sees the URL', async () => {
    const bytes = randomBytes(20 * 1024 * 1024)
    const ask = { name: '../../etc/photo.png', contentType: 'image/png', size: bytes.length }
    expect(Buffer.byteLength(JSON.stringify(ask))).toBeLessThan(200)
    const { status, json } = await requestUpload(ask)
    expect(status).toBe(201)
    expect(json).toEqual({
      url: expect.any(String),
      uploadUrl: expect.any(String),
      uploadHeaders: { 'Content-Type': 'image/png', 'x-amz-tagging': 'public=true' },
      expiresAt: expect.any(String),
    })
    // One Botpress call; the key is the integration's own, the name only a label.
    expect(Object.fromEntries(stack.cloud.api.calls)).toEqual({ upsertFile: 1 })
    const days = (Date.parse(json.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(LIMITS.fileDays.default - 0.01)
    expect(days).toBeLessThan(LIMITS.fileDays.default + 0.01)

    const put = await fetch(json.uploadUrl, { method: 'PUT', headers: json.uploadHeaders, body: bytes })
    expect(put.status).toBe(200)
    const served = await fetch(json.url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)

    const conversationId = `files-${Date.now()}`
    const sent = await stack.post(
      textMessage({ conversationId, type: 'image', text: 'a photo', payload: { imageUrl: json.url } }),
      { headers: { prefer: 'wait=5' } }
    )
    expect(sent.status).toBe(200)
    expect(sent.json.replies.map((r: { payload: { text: string } }) => r.payload.text)).toEqual([
      `I received a image message: ${json.url}`,
    ])
  }, 30_000)

  it('makes the key under its own prefix, whatever the name, and keeps the name as a tag', async () => {
    const { json } = await requestUpload({ name: '../../x', contentType: 'application/pdf', size: 10 })
    const id = new URL(json.url).pathname.split('/').at(-1)
    const file = (
      stack.cloud as unknown as { files: { get: (id: string) => { key: string; tags: object } } }
    ).files.get(id!)
    expect(file.key.startsWith(FILE_KEY_PREFIX)).toBe(true)
    expect(file.key).not.toContain('..')
    expect(file.tags).toEqual({ name: '../../x' })
  })

  it('keeps a file as long as asked, up to 90 days', async () => {
    const { json } = await requestUpload({ name: 'a', contentType: 'text/plain', size: 1, expiresInDays: 90 })
    const days = (Date.parse(json.expiresAt) - Date.now()) / 86_400_000
    // A few minutes short of Botpress's limit of 90 days, in case its clock is behind.
    expect(days).toBeLessThan(90)
    expect(days).toBeGreaterThan(89.99)
  })

  it('413 file_too_large over the cap, before any Botpress call', async () => {
    const { status, json } = await requestUpload({ name: 'big', contentType: 'video/mp4', size: LIMITS.fileBytes + 1 })
    expect(status).toBe(413)
    expect(json.error.code).toBe('file_too_large')
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it.each([
    [{ name: 'a', size: 1 }, 'contentType'],
    [{ name: 'a', contentType: 'png', size: 1 }, 'contentType'],
    [{ name: 'a', contentType: 'image/png', size: 0 }, 'size'],
    [{ name: 'a', contentType: 'image/png', size: 1.5 }, 'size'],
    [{ name: 'a', contentType: 'image/png', size: '10' }, 'size'],
    [{ contentType: 'image/png', size: 1 }, 'name'],
    [{ name: 'a', contentType: 'image/png', size: 1, expiresInDays: 91 }, 'expiresInDays'],
    [{ name: 'a', contentType: 'image/png\r\n;a=b', size: 1 }, 'contentType'],
    [{ name: 'a\u0000b', contentType: 'image/png', size: 1 }, 'name'],
    [{ name: '\ud800', contentType: 'image/png', size: 1 }, 'name'],
  ])('400 invalid_body naming the field: %j', async (body, field) => {
    const { status, json } = await requestUpload(body)
    expect(status).toBe(400)
    expect(json.error.code).toBe('invalid_body')
    expect(json.error.issues.map((i: { path: string }) => i.path)).toEqual([field])
    expect(stack.cloud.api.totalCalls).toBe(0)
  })

  it('401 without a token, 405 for GET, as on the other routes', async () => {
    const body = { name: 'a', contentType: 'image/png', size: 1 }
    const missing = await requestUpload(body, { headers: { authorization: '' } })
    expect(missing.status).toBe(401)
    const get = await stack.post(undefined, { path: '/files', method: 'GET' })
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST'])
    const wrong = await requestUpload(body, { headers: { authorization: 'bearer nope' } })
    expect(wrong.status).toBe(401)
    void PAT
  })

  it('refuses an upload of another size than declared, or without the upload headers', async () => {
    const { json } = await requestUpload({ name: 'a', contentType: 'text/plain', size: 5 })
    const put = await fetch(json.uploadUrl, { method: 'PUT', headers: json.uploadHeaders, body: 'too long' })
    expect(put.status).toBe(403)
    // Without the headers the answer gave, as a pre-signed URL refuses it.
    const bare = await fetch(json.uploadUrl, { method: 'PUT', body: 'right' })
    expect(bare.status).toBe(403)
    expect((await fetch(json.url)).status).toBe(404)
  })
})
