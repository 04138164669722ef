import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { OPENAPI_FILE } from '../scripts/openapi/paths'
import { startJudgedLocalStack, type JudgedLocalStack } from './support/judged-local-stack'

// The webhook serves its own contract, from the bundle `bp build` made (`npm start`'s stack runs it in its own
// process): what a client generator or an API tool pointed at the webhook URL reads, with no token.
let stack: JudgedLocalStack

beforeAll(async () => {
  stack = await startJudgedLocalStack()
}, 60_000)
afterAll(() => stack?.stop())

const get = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${stack.webhookUrl}${path}`, init)
  return { status: response.status, headers: response.headers, body: await response.text() }
}

describe('the OpenAPI document at the webhook URL', () => {
  const file = readFileSync(OPENAPI_FILE, 'utf8')

  it('answers openapi.yaml byte for byte, without a token', async () => {
    const { status, headers, body } = await get('/openapi.yaml')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/yaml')
    expect(headers.get('access-control-allow-origin')).toBe('*')
    expect(body === file, 'the served YAML differs from openapi.yaml').toBe(true)
  })

  it('answers the same document as JSON, without a token', async () => {
    const { status, headers, body } = await get('/openapi.json')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.get('access-control-allow-origin')).toBe('*')
    expect(JSON.parse(body)).toEqual(parse(file))
  })

  it('ignores a token, accepts a trailing slash, and serves GET only', async () => {
    const withToken = await get('/openapi.json/', { headers: { authorization: 'bearer not-a-token' } })
    expect(withToken.status).toBe(200)
    expect(JSON.parse(withToken.body)).toEqual(parse(file))
    const posted = await get('/openapi.yaml', { method: 'POST', body: '{}' })
    expect(posted.status).toBe(405)
    expect(posted.headers.get('allow')).toBe('GET')
    expect(JSON.parse(posted.body).error.code).toBe('method_not_allowed')
  })
})
