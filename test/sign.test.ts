import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { isInboundSecret } from '../src/inbound/request/shared-secret'
import { webhookHeaders } from '../src/outbound/sign'

const SECRET = `whsec_${Buffer.from('s'.repeat(32)).toString('base64')}`

describe('webhookHeaders', () => {
  it('makes headers the standardwebhooks verifier accepts', () => {
    const body = JSON.stringify({ type: 'text', payload: { text: 'hi' } })
    const headers = webhookHeaders('msg_1', body, new Webhook(SECRET))
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body))
  })

  it('gives the timestamp in seconds, and no signature without a signer', () => {
    const headers = webhookHeaders('msg_1', '{}', undefined, new Date(1_700_000_000_999))
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000' })
  })
})

describe('isInboundSecret', () => {
  const secret = 'x'.repeat(40)
  it('accepts exactly the secret', () => {
    expect(isInboundSecret(secret, secret)).toBe(true)
    expect(isInboundSecret(`${secret}y`, secret)).toBe(false)
    expect(isInboundSecret('', secret)).toBe(false)
  })

  it('accepts nothing without a secret, or with one too short to be safe', () => {
    expect(isInboundSecret('anything', undefined)).toBe(false)
    expect(isInboundSecret('short', 'short')).toBe(false)
  })
})
