import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminApi } from '../dev/admin/admin-api'

// The local admin API refuses what Botpress refuses, answers as Botpress answers, and records why.
const TOKEN = 'admin-test-token'
const WORKSPACE = { id: 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e8f', name: 'Test workspace', handle: 'tests' }
const admin = new AdminApi({ token: TOKEN, workspace: WORKSPACE })
let url = ''

beforeAll(async () => {
  url = await admin.start()
})
afterAll(() => admin.stop())

/** Botpress's error shape, or an integration answer. */
type Answer = { id?: string; code?: number; type?: string; message?: string; integration?: { id: string } }

const call = async (method: string, path: string, body?: unknown, token = TOKEN) => {
  const headers = {
    authorization: `bearer ${token}`,
    'x-workspace-id': WORKSPACE.id,
    'content-type': 'application/json',
  }
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await response.json()) as Answer
  return { status: response.status, json, exchange: admin.exchanges.at(-1) }
}

describe('local admin API', () => {
  it('refuses a body that breaks the definition with 400 InvalidPayload, naming each problem, and stores nothing', async () => {
    const { status, json, exchange } = await call('POST', '/v1/admin/integrations', {
      name: 'tests/broken',
      version: '0.1.0',
      title: 't'.repeat(65),
      flavor: 'vanilla',
    })
    expect(status).toBe(400)
    expect(json).toMatchObject({ code: 400, type: 'InvalidPayload' })
    expect(json.id).toEqual(expect.any(String))
    expect(exchange).toMatchObject({ operation: 'createIntegration', status: 400 })
    expect(exchange!.problems).toEqual([
      'body has the unknown field "flavor"',
      'body.title must NOT have more than 64 characters',
    ])
    expect(json.message).toBe(exchange!.problems.join('; '))
    expect(admin.integrations.size).toBe(0)
  })

  it('creates a valid integration with an id and an answer the definition accepts, then finds it by name', async () => {
    const created = await call('POST', '/v1/admin/integrations', { name: 'tests/minimal', version: '0.1.0' })
    expect(created.status).toBe(200)
    expect(created.exchange!.problems).toEqual([])
    expect(created.json.integration?.id).toMatch(/^intver_[0-9A-F]{26}$/)
    const found = await call('GET', '/v1/admin/integrations/tests%2Fminimal/0.1.0')
    expect(found).toMatchObject({ status: 200, json: created.json, exchange: { problems: [] } })
    const again = await call('POST', '/v1/admin/integrations', { name: 'tests/minimal', version: '0.1.0' })
    expect(again).toMatchObject({ status: 409, json: { type: 'AlreadyExists' }, exchange: { problems: [] } })
  })

  it('answers 401 to a wrong token and 404 to a path outside the definition, recorded as no operation', async () => {
    const wrongToken = await call('GET', `/v1/admin/workspaces/${WORKSPACE.id}`, undefined, 'nope')
    expect(wrongToken).toMatchObject({ status: 401, json: { type: 'Unauthorized' }, exchange: { problems: [] } })
    const nowhere = await call('GET', '/v1/admin/nowhere')
    expect(nowhere.status).toBe(404)
    expect(nowhere.exchange).toMatchObject({
      operation: undefined,
      problems: ['GET /v1/admin/nowhere is no operation of the definition'],
    })
  })
})
