import { describe, expect, it, vi } from 'vitest'
import { ClientPool } from '../src/botpress/client-pool'
import { StepByStepBots } from '../src/botpress/step-by-step-fallback'
import { handleWebhook } from '../src/inbound/webhook'
import { instance } from './support/reads'

// A bug anywhere below the handler must still produce a JSON answer, never the SDK's generic error.
vi.mock('../src/inbound/write/intake', () => ({
  intakeMessage: () => {
    throw new TypeError('cannot read properties of undefined')
  },
}))

describe('handleWebhook with an unexpected failure', () => {
  it('answers 500 internal_error as JSON and logs the cause without the token', async () => {
    const logged: string[] = []
    const answer = await handleWebhook({
      req: {
        method: 'POST',
        path: '',
        query: '',
        headers: { authorization: 'bearer secret-pat' },
        body: JSON.stringify({ userId: 'u', messageId: 'm', conversationId: 'c', type: 'text', text: 'hi' }),
      },
      ctx: { botId: 'bot', integrationId: 'int', configuration: {} },
      logger: { error: (message) => logged.push(message), warn: (message) => logged.push(message) },
      clients: new ClientPool(),
      stepByStep: new StepByStepBots(),
      reads: instance(),
      deliverOnce: () => Promise.reject(new Error('no delivery in this test')),
    })
    expect(answer.status).toBe(500)
    expect(JSON.parse(answer.body ?? '')).toEqual({
      error: { code: 'internal_error', message: 'The integration failed unexpectedly. Retry later.' },
    })
    expect(logged.join()).toContain('cannot read properties')
    expect(logged.join()).not.toContain('secret-pat')
  })
})
