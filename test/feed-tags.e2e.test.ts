import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { FEED_TAG } from '../src/feed-tag'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

// The feed by tag, through real HTTP against the local cloud: the tag the channel handler sets on every bot
// message, a tag that fails, cursors whose message was deleted, `after=now`, and a store that lists late.

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ withEndpoint: true })
})
afterAll(() => stack.close())
afterEach(() => {
  stack.cloud.api.faults.refusedOperations = {}
  stack.store().listingLag = () => 0
})

type Envelope = { botpressMessageId: string; conversationId: string; payload: { text?: string } }
type Page = { messages: Envelope[]; hasMore: boolean; cursor: string }

const read = async (query: Record<string, string | undefined>) => {
  const url = new URL(`${stack.cloud.webhookUrl(stack.installation)}/messages`)
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value)
  const response = await fetch(url, { headers: { authorization: `bearer ${PAT}` } })
  return {
    status: response.status,
    json: (await response.json()) as Page & { error?: { code: string; message: string } },
  }
}

/** Reads from `after` until nothing more follows. */
const readAll = async (query: { after?: string; conversationId?: string }) => {
  const ids: string[] = []
  let after = query.after
  for (;;) {
    const { status, json } = await read({ ...query, after, limit: '3' })
    expect(status, JSON.stringify(json)).toBe(200)
    ids.push(...json.messages.map((m) => m.botpressMessageId))
    after = json.cursor
    if (!json.hasMore) return { ids, cursor: after }
  }
}

const reply = async (conversationId: string, text: string) =>
  (await stack.sendAsBot({ conversationId, payload: { text } })).message

describe('the feed tag', () => {
  it('is set on every bot message with one call, with the back-end conversation id, and the delivery still goes', async () => {
    stack.cloud.api.resetCalls()
    const message = await reply('tag-1', 'tagged')
    expect(stack.store().getMessage(message.id).tags).toEqual({ ...FEED_TAG, conversationId: 'tag-1' })
    expect(stack.cloud.api.calls.get('updateMessage')).toBe(1)
    await stack.inbox.waitFor(1, (e) => e.body.botpressMessageId === message.id)
  })

  it('that fails loses nothing but the feed: delivered, in its conversation, logged for the bot owner', async () => {
    const { cursor } = await read({ after: 'now' }).then((r) => r.json)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    stack.cloud.api.faults.refusedOperations = { updateMessage: 503 }
    const untagged = await reply('tag-2', 'not tagged')
    stack.cloud.api.faults.refusedOperations = {}
    // Retried on a 5xx: 3 attempts.
    expect(stack.cloud.api.calls.get('updateMessage')).toBeGreaterThanOrEqual(3)
    await stack.inbox.waitFor(1, (e) => e.body.botpressMessageId === untagged.id)
    expect((await readAll({ conversationId: 'tag-2' })).ids).toContain(untagged.id)
    expect((await readAll({ after: cursor })).ids).not.toContain(untagged.id)
    expect(errors.mock.calls.flat().join(' ')).toContain(`Bot message ${untagged.id} could not be tagged`)
    errors.mockRestore()
  })
})

describe('a delivery that finally fails', () => {
  afterEach(() => stack.inbox.answerWith(200))

  it('marks its message in Botpress with when and why, in one more call; one that succeeds costs none', async () => {
    stack.cloud.api.resetCalls()
    const delivered = await reply('mark-1', 'delivered')
    await stack.inbox.waitFor(1, (e) => e.body.botpressMessageId === delivered.id)
    expect(stack.cloud.api.calls.get('updateMessage')).toBe(1)
    expect(stack.store().getMessage(delivered.id).tags).not.toHaveProperty('deliveryStatus')

    // A status that is not retried fails the delivery at once.
    stack.inbox.answerWith(400)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    stack.cloud.api.resetCalls()
    const failed = await reply('mark-1', 'refused').catch(() => undefined)
    errors.mockRestore()
    const [stored] = [...stack.store().messages.values()].filter((m) => m.payload.text === 'refused')
    expect(failed === undefined || failed.id === stored!.id).toBe(true)
    expect(stored!.tags).toMatchObject({
      ...FEED_TAG,
      conversationId: 'mark-1',
      deliveryStatus: 'failed',
      deliveryFailedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      deliveryError: expect.stringContaining('HTTP 400'),
    })
    expect(stack.cloud.api.calls.get('updateMessage')).toBe(2)
  })
})

describe.each([
  ['the feed', undefined],
  ['one conversation', 'gone-1'],
])('a cursor whose message was deleted, on %s', (_, conversationId) => {
  it('goes on from its time: the next reply comes, once', async () => {
    await reply('gone-1', 'first')
    const last = await reply('gone-1', 'last before')
    const { cursor } = await readAll({ conversationId, after: 'now' })
    const { cursor: atEnd } = await readAll({ conversationId, ...(conversationId ? {} : { after: cursor }) })
    stack.store().deleteMessage(last.id)
    const next = await reply('gone-1', 'after the deletion')
    const { ids } = await readAll({ conversationId, after: atEnd })
    expect(ids).toEqual([next.id])
    // A bare id whose message is gone says how to go on.
    const bare = await read({ conversationId, after: last.id })
    expect(bare.status).toBe(400)
    expect(bare.json.error).toMatchObject({ code: 'after_message_gone' })
    expect(bare.json.error!.message).toContain('after=now')
  })
})

describe('after=now', () => {
  it.each([undefined, 'now-1'])(
    'skips history (conversation %s), and the next reply comes from its cursor',
    async (conversationId) => {
      await reply('now-1', 'history')
      const { status, json } = await read({ conversationId, after: 'now' })
      expect(status).toBe(200)
      expect(json).toEqual({ messages: [], hasMore: false, cursor: expect.any(String) })
      const next = await reply('now-1', 'news')
      expect((await readAll({ conversationId, after: json.cursor })).ids).toEqual([next.id])
    }
  )
})

describe('a store that lists late', () => {
  it.each([undefined, 'late-1'])(
    'a reply listed 300 ms late (for the feed, its tag), after a newer one, still comes once (conversation %s)',
    async (conversationId) => {
      const { cursor } = (await read({ conversationId, after: 'now' })).json
      // The older reply (after the user message each reply follows) is listed 300 ms late (for the feed, its
      // tag); the newer at once.
      const lags = conversationId ? [0, 300] : [0, 0, 300]
      stack.store().listingLag = () => lags.shift() ?? 0
      const older = await reply('late-1', 'older')
      const newer = await reply(conversationId ? 'late-1' : 'late-2', 'newer')
      const first = await readAll({ conversationId, after: cursor })
      expect(first.ids).toEqual([newer.id])
      await new Promise((resolve) => setTimeout(resolve, 400))
      const second = await readAll({ conversationId, after: first.cursor })
      expect(second.ids).toEqual([older.id])
      expect((await readAll({ conversationId, after: second.cursor })).ids).toEqual([])
    }
  )
})

describe('a post is still answered as before', () => {
  it('writes the user message untagged by the feed', async () => {
    const { json } = await stack.post(textMessage({ conversationId: 'tag-user' }))
    expect(stack.store().getMessage(json.message.id).tags.feed).toBeUndefined()
  })
})
