import * as api from '@botpress/api'
import { describe, expect, it } from 'vitest'
import { ApiContract, type ApiState } from '../dev/api-contract/contract'

// The judge the local clouds use: Botpress's published definition, read as Botpress applies it.
const runtime = new ApiContract(api.runtime.state as unknown as ApiState)
const admin = new ApiContract(api.admin.state as unknown as ApiState)
const BOT = { 'x-bot-id': 'bot_0123456789abcdefghijklmnop' }
const ISO = new Date().toISOString()

describe('requests', () => {
  it('names the operation of a fixed path before a templated one', () => {
    const verdict = runtime.checkRequest({
      method: 'POST',
      url: '/v1/chat/users/get-or-create',
      headers: BOT,
      body: '{"tags":{"id":"u1"}}',
    })
    expect(verdict).toEqual({ operation: 'getOrCreateUser', pathParams: {}, problems: [] })
  })

  it('refuses what Botpress refuses: limits, unknown fields, missing headers and unknown query parameters', () => {
    const body = JSON.stringify({ tags: { id: 'x'.repeat(501) }, name: 'n'.repeat(201), extra: 1 })
    expect(
      runtime.checkRequest({ method: 'POST', url: '/v1/chat/users/get-or-create', headers: BOT, body }).problems
    ).toEqual([
      'body has the unknown field "extra"',
      'body.tags.id must NOT have more than 500 characters',
      'body.name must NOT have more than 200 characters',
    ])
    expect(
      runtime.checkRequest({ method: 'GET', url: '/v1/chat/messages?conversationId=c&x=1', headers: {}, body: '' })
        .problems
    ).toEqual(['the header x-bot-id is required', 'the query parameter x is not part of the operation'])
  })

  it('accepts tag filters as the client encodes them, and checks enums', () => {
    const url = '/v1/chat/messages?conversationId=c&tags.id=3&tags%5Bother%5D=4'
    expect(runtime.checkRequest({ method: 'GET', url, headers: BOT, body: '' }).problems).toEqual([])
    expect(
      runtime.checkRequest({ method: 'GET', url: '/v1/chat/states/galaxy/x/name', headers: BOT, body: '' }).problems
    ).toEqual(['the path parameter type must be one of conversation, user, bot, integration, task, workflow'])
  })

  it('says when a path is no operation at all', () => {
    expect(runtime.checkRequest({ method: 'GET', url: '/v1/chat/nowhere', headers: BOT, body: '' })).toEqual({
      pathParams: {},
      problems: ['GET /v1/chat/nowhere is no operation of the definition'],
    })
  })

  it('reads the admin definition too', () => {
    expect(admin.checkRequest({ method: 'GET', url: '/v1/admin/workspaces/w1', headers: {}, body: '' })).toEqual({
      operation: 'getWorkspace',
      pathParams: { id: 'w1' },
      problems: [],
    })
  })
})

describe('answers', () => {
  const state = { createdAt: ISO, updatedAt: ISO, name: 'n', type: 'conversation', payload: {} }

  it('finds what a lenient stand-in gets wrong', () => {
    const body = JSON.stringify({ state: { ...state, id: 'short', botId: 'b', expiresAt: ISO } })
    expect(runtime.checkResponse('getState', 200, body)).toEqual([
      "response must have required property 'meta'",
      'response.state has the unknown field "expiresAt"',
      'response.state.id must NOT have fewer than 28 characters',
      'response.state.botId must NOT have fewer than 28 characters',
    ])
  })

  it('accepts a valid answer and a valid error, and refuses an error with the wrong status', () => {
    const id = 'state_0123456789abcdefghijklmnop'
    const valid = { state: { ...state, id, botId: BOT['x-bot-id'] }, meta: { cached: false } }
    expect(runtime.checkResponse('getState', 200, JSON.stringify(valid))).toEqual([])
    const error = { id: 'err_1', code: 404, type: 'ResourceNotFound', message: 'gone' }
    expect(runtime.checkResponse('getState', 404, JSON.stringify(error))).toEqual([])
    expect(runtime.checkResponse('getState', 400, JSON.stringify({ ...error, code: 400 }))).toEqual([
      'error type ResourceNotFound is answered with HTTP 404, not 400 (code 400)',
    ])
  })
})
