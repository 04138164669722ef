import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PAT, startStack, textMessage, type Stack } from './support/stack'

// A bug anywhere below the handler must still produce a JSON answer, never the SDK's generic error: driven
// through the integration's own entry point, behind the local cloud, with the intake made to throw.
vi.mock('../src/inbound/write/intake', () => ({
  intakeMessage: () => {
    throw new TypeError('cannot read properties of undefined')
  },
}))

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

describe('the webhook with an unexpected failure', () => {
  it('answers 500 internal_error as JSON and logs the cause without the token', async () => {
    const logged: string[] = []
    for (const level of ['error', 'warn', 'info', 'log'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    const answer = await stack.post(textMessage())
    vi.restoreAllMocks()
    expect(answer.status).toBe(500)
    expect(answer.json).toEqual({
      error: { code: 'internal_error', message: 'The integration failed unexpectedly. Retry later.' },
    })
    expect(logged.join('\n')).toContain('cannot read properties')
    expect(logged.join('\n')).not.toContain(PAT)
  })
})
