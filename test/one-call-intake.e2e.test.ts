import { resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startServerProcess } from '../dev/child-process'
import { RUNTIME_TOKEN, STRANGER_PAT, startStack, textMessage, type Stack } from './support/stack'

// Botpress calls per message, counted by the local cloud, on the instance that saw the conversation before
// and on a fresh one (the built bundle in its own process, as Botpress Cloud starts a new instance).
let stack: Stack
/** Set while a test routes the cloud's calls to a fresh instance. */
let freshInstanceUrl: string | undefined

beforeAll(async () => {
  stack = await startStack({ integrationUrl: (own) => freshInstanceUrl ?? own })
})
afterAll(() => stack.close())
beforeEach(() => {
  freshInstanceUrl = undefined
  stack.cloud.api.resetCalls()
  stack.cloud.api.faults.refusedOperations = {}
  stack.cloud.api.faults.resetConnections = 0
})

const calls = () => Object.fromEntries(stack.cloud.api.calls)

describe('one Botpress call per message', () => {
  it('in a new conversation', async () => {
    const { status, json } = await stack.post(textMessage({ userId: 'new-u', conversationId: 'new-c' }))
    expect(status).toBe(200)
    expect(calls()).toEqual({ initializeIncomingMessage: 1 })
    expect(json.user.tags).toEqual({ id: 'new-u' })
    expect(json.conversation.tags).toEqual({ id: 'new-c' })
    expect(json.message.tags).toEqual({
      id: expect.any(String),
      content: expect.any(String),
      write: expect.any(String),
    })
  })

  it('in a known conversation', async () => {
    const first = await stack.post(textMessage({ userId: 'known-u', conversationId: 'known-c' }))
    stack.cloud.api.resetCalls()
    const { json } = await stack.post(textMessage({ userId: 'known-u', conversationId: 'known-c', text: 'again' }))
    expect(calls()).toEqual({ initializeIncomingMessage: 1 })
    expect(json.conversation.id).toBe(first.json.conversation.id)
    expect(json.user.id).toBe(first.json.user.id)
  })

  it('in a known conversation on a fresh instance', async () => {
    const first = await stack.post(textMessage({ userId: 'fresh-u', conversationId: 'fresh-c' }))
    const fresh = await startServerProcess({
      name: 'fresh integration instance',
      port: 0,
      args: [resolve(__dirname, '..', 'dev', 'serve-integration.js')],
      env: { BP_API_URL: stack.cloud.url, BP_TOKEN: RUNTIME_TOKEN },
      log: () => {},
    })
    try {
      freshInstanceUrl = fresh.url
      stack.cloud.api.resetCalls()
      const { status, json } = await stack.post(textMessage({ userId: 'fresh-u', conversationId: 'fresh-c' }))
      expect(status).toBe(200)
      expect(calls()).toEqual({ initializeIncomingMessage: 1 })
      expect(json.conversation.id).toBe(first.json.conversation.id)
    } finally {
      await fresh.stop()
    }
  })

  it('writes nothing for a resent messageId and answers the first message', async () => {
    const body = textMessage({ userId: 'again-u', conversationId: 'again-c' })
    const first = await stack.post(body)
    const count = stack.store().messages.size
    stack.cloud.api.resetCalls()
    const second = await stack.post(body)
    expect(second.json.message).toEqual(first.json.message)
    expect(stack.store().messages.size).toBe(count)
    expect(calls()).toEqual({ initializeIncomingMessage: 1 })
  })

  it('retries once, at once, a call whose connection the API side closed without an answer', async () => {
    const body = textMessage({ userId: 'reset-u', conversationId: 'reset-c' })
    const count = stack.store().messages.size
    stack.cloud.api.faults.resetConnections = 1
    const { status, json } = await stack.post(body)
    expect(stack.cloud.api.faults.resetConnections).toBe(0)
    expect(status).toBe(200)
    expect(stack.store().messages.size).toBe(count + 1)
    expect(stack.store().getMessage(json.message.id).tags).toMatchObject({ id: body.messageId })
    // The retry carried the same write id: the answer says this request wrote the message.
    expect(json.duplicate).toBe(false)
  })

  it('answers 502 when the connection is closed again on the retry', async () => {
    stack.cloud.api.faults.resetConnections = 2
    const { status, json } = await stack.post(textMessage({ userId: 'reset-u', conversationId: 'reset-c' }))
    expect(status).toBe(502)
    expect(json.error.code).toBe('botpress_unreachable')
  })

  it('has Botpress check the token on every message', async () => {
    await stack.post(textMessage({ userId: 'tok-u', conversationId: 'tok-c' }))
    const { status } = await stack.post(textMessage({ userId: 'tok-u', conversationId: 'tok-c' }), {
      headers: { authorization: 'bearer wrong' },
    })
    expect(status).toBe(401)
  })

  it('finds a user and a conversation by the back-end id whatever other tags they carry', async () => {
    const user = stack.store().createUser({ tags: { id: 'tagged-u', crm: 'A-1' } })
    const { json } = await stack.post(textMessage({ userId: 'tagged-u', conversationId: 'tagged-c' }))
    expect(json.user.id).toBe(user.id)
  })

  it('keeps two bots apart for the same external ids', async () => {
    const other = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
    const mine = await stack.post(textMessage({ userId: 'shared-u', conversationId: 'shared-c' }))
    const theirs = await stack.post(textMessage({ userId: 'shared-u', conversationId: 'shared-c' }), { install: other })
    expect(theirs.status).toBe(200)
    expect(theirs.json.conversation.id).not.toBe(mine.json.conversation.id)
    expect(stack.cloud.store(other.botId).getMessage(theirs.json.message.id)).toBeDefined()
  })
})

describe('when Botpress refuses initializeIncomingMessage', () => {
  for (const refusal of [403, 405]) {
    it(`(HTTP ${refusal}) falls back to the step-by-step path for that bot, and still works`, async () => {
      const install = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
      stack.cloud.api.faults.refusedOperations = { initializeIncomingMessage: refusal }
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const first = await stack.post(textMessage({ userId: 'fb-u', conversationId: 'fb-c' }), { install })
      expect(first.status).toBe(200)
      expect(calls()).toEqual({
        initializeIncomingMessage: 1,
        getOrCreateUser: 1,
        getOrCreateConversation: 1,
        getOrCreateMessage: 1,
      })

      // Remembered for the bot: no second refused call.
      stack.cloud.api.resetCalls()
      const body = textMessage({ userId: 'fb-u', conversationId: 'fb-c' })
      const second = await stack.post(body, { install })
      expect(second.json.conversation.id).toBe(first.json.conversation.id)
      expect(calls()).toEqual({ getOrCreateUser: 1, getOrCreateConversation: 1, getOrCreateMessage: 1 })
      expect((await stack.post(body, { install })).json.message).toEqual(second.json.message)

      const events = await stack.post(
        { userId: 'fb-u', conversationId: 'fb-c', name: 'n', payload: {} },
        {
          install,
          path: '/events',
        }
      )
      expect(events.status).toBe(200)
      expect(events.json.conversation.id).toBe(first.json.conversation.id)

      const fallbackLogs = warnings.mock.calls.filter(([line]) => String(line).includes('initializeIncomingMessage'))
      warnings.mockRestore()
      expect(fallbackLogs).toHaveLength(1)
      expect(String(fallbackLogs[0]![0])).toContain(install.botId)
    })
  }
})

describe("a stranger's token that Botpress refuses (403)", () => {
  it('is answered 401 and leaves the bot on the one call for every other caller, with no warning', async () => {
    const install = await stack.cloud.install({ configuration: { responseEndpointURL: stack.inboxUrl } })
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const stranger = await stack.post(textMessage({ userId: 'st-u', conversationId: 'st-c' }), {
      install,
      headers: { authorization: `bearer ${STRANGER_PAT}` },
    })
    expect(stranger.status).toBe(401)
    expect(stranger.json.error.code).toBe('invalid_token')
    // The step-by-step path is tried once with the same token, which Botpress refuses too: nothing is learnt.
    expect(calls()).toEqual({ initializeIncomingMessage: 1, getOrCreateUser: 1, getOrCreateConversation: 1 })

    for (const text of ['first', 'second']) {
      stack.cloud.api.resetCalls()
      const valid = await stack.post(textMessage({ userId: 'ok-u', conversationId: 'ok-c', text }), { install })
      expect(valid.status).toBe(200)
      expect(calls()).toEqual({ initializeIncomingMessage: 1 })
    }
    const fallbackLogs = warnings.mock.calls.filter(([line]) => String(line).includes('initializeIncomingMessage'))
    warnings.mockRestore()
    expect(fallbackLogs).toEqual([])
  })
})
