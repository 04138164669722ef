import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONNECTION_CHECK } from '../src/outbound/bodies'
import { startStack, type Stack } from './support/stack'

let stack: Stack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const register = (responseEndpointURL: unknown) =>
  stack.cloud.driver.register({ ...stack.installation, configuration: { responseEndpointURL } }, 'http://hook')

describe('register', () => {
  it('POSTs the documented connection check and succeeds on 2xx', async () => {
    stack.inbox.entries.length = 0
    stack.inbox.answerWith(204)
    const answer = await register(stack.inboxUrl)
    expect(answer.status).toBe(200)
    expect(stack.inbox.entries.map((r) => r.body)).toEqual([CONNECTION_CHECK])
  })

  it('fails with the status and how to fix it when the endpoint answers non-2xx', async () => {
    stack.inbox.answerWith(404)
    const answer = await register(stack.inboxUrl)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(/HTTP 404.*answer 2xx/)
    stack.inbox.answerWith(200)
  })

  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://example.com/x', /must start with http/],
    ['http://127.0.0.1:9/replies', /ECONNREFUSED/],
  ])('refuses %j with a clear message', async (url, expected) => {
    const answer = await register(url)
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(expected)
  })

  it.each([' '.repeat(40), ` ${'s'.repeat(40)} `])(
    'refuses an Inbound Shared Secret of only whitespace or padded with it (%j), saying why',
    async (inboundSecret) => {
      const configuration = { responseEndpointURL: stack.inboxUrl, inboundSecret }
      const answer = await stack.cloud.driver.register({ ...stack.installation, configuration }, 'http://hook')
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body).message).toMatch(/^Inbound Shared Secret (is only whitespace|must not start)/)
    }
  )

  it.each([undefined, '', '  '])('installs without an endpoint (%j): no connection check is sent', async (url) => {
    stack.inbox.entries.length = 0
    const answer = await register(url)
    expect(answer.status).toBe(200)
    expect(stack.inbox.entries).toEqual([])
  })

  it('still refuses a malformed setting without an endpoint', async () => {
    const configuration = { signingSecret: 'my-secret' }
    const answer = await stack.cloud.driver.register({ ...stack.installation, configuration }, 'http://hook')
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body).message).toMatch(/^Signing Secret must be "whsec_"/)
  })

  it('refuses the installation in the local cloud when register fails', async () => {
    await expect(stack.cloud.install({ configuration: { responseEndpointURL: 'ftp://x' } })).rejects.toThrow(/http/)
  })
})
