import { describe, expect, it } from 'vitest'
import { countCalls } from '../src/botpress/call-count'
import { readAfterIncoming } from '../src/inbound/wait/turn-replies'
import { fakeHistory, type FakeHistory } from './support/fake-history'

// How a waited answer lists the messages after the user's one: the read's walk, within 5 of the wait's calls.

const turnOf = (history: FakeHistory, index: number) => {
  const incoming = history.messages[index]!
  return { incoming, conversation: { id: incoming.conversationId, tags: {} }, resent: false, look: undefined }
}

const listAfter = async (history: FakeHistory, index: number, calls = 14) => {
  const { client, counter } = countCalls(history.reader, calls)
  const read = await readAfterIncoming(client, counter, turnOf(history, index))
  return { ...read, ids: read.after.map((m) => m.id), calls: history.total() }
}

/** A user message at 0, then `replies` bot messages a second apart. */
const turnWith = (replies: number, options: Parameters<typeof fakeHistory>[2] = {}) =>
  fakeHistory(
    Array.from({ length: replies + 1 }, (_, i) => 1_000_000 + i * 1_000),
    20,
    { isBot: (i) => i > 0, ...options }
  )

describe('the messages after a waited one', () => {
  it('are every message after it, oldest first, a call a page', async () => {
    const history = turnWith(45)
    const read = await listAfter(history, 0)
    expect(read).toMatchObject({ reached: true, calls: 3 })
    expect(read.ids).toEqual(history.messages.slice(1).map((m) => m.id))
  })

  it('skip nothing when a listed message is deleted between two pages (a page token may be an offset)', async () => {
    let lists = 0
    const history = turnWith(45, {
      // Before the second page, the newest reply (listed on the first) is deleted.
      beforeList: (h) => {
        if (++lists === 2) h.remove(h.messages.at(-1)!.id)
      },
    })
    const replies = history.messages.slice(1, -1).map((m) => m.id)
    const read = await listAfter(history, 0)
    expect(read.reached).toBe(true)
    expect(read.ids.filter((id) => replies.includes(id))).toEqual(replies)
  })

  it('in a crowded millisecond, are those Botpress lists newer than it', async () => {
    // 30 messages in one millisecond, the user's the 10th written: Botpress lists the later ones first.
    const history = fakeHistory(Array(30).fill(5_000), 20, { isBot: (i) => i !== 9 })
    const read = await listAfter(history, 9)
    expect(read.reached).toBe(true)
    expect(read.ids).toEqual(history.messages.slice(10).map((m) => m.id))
  })

  it('name what failed when Botpress does', async () => {
    const history = turnWith(3)
    const failing = { listMessages: () => Promise.reject(new Error('socket hang up')) }
    const { client, counter } = countCalls(failing, 14)
    await expect(readAfterIncoming(client, counter, turnOf(history, 0))).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('while reading the replies'),
    })
  })

  it('are out of reach past 5 calls, or past what is left of the wait', async () => {
    const long = turnWith(150)
    expect(await listAfter(long, 0)).toMatchObject({ reached: false, after: [], calls: 5 })
    const short = turnWith(45)
    expect(await listAfter(short, 0, 2)).toMatchObject({ reached: false, after: [], calls: 2 })
  })
})
