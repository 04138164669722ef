import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { hasResponseEndpoint, parseInboundSecret } from '../src/config'
import { DEFAULT_POLICY, readDeliverySettings } from '../src/outbound/delivery-settings'

const base = { responseEndpointURL: 'https://example.com/hook' }
const SECRET = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`

describe('hasResponseEndpoint', () => {
  it.each([
    [{}, false],
    [{ responseEndpointURL: '' }, false],
    [{ responseEndpointURL: '   ' }, false],
    [base, true],
    [{ responseEndpointURL: 'not a url' }, true],
  ])('%j: %s (an empty field is no endpoint; a malformed one is refused later, not ignored)', (configuration, has) => {
    expect(hasResponseEndpoint(configuration)).toBe(has)
  })
})

describe('readDeliverySettings', () => {
  it('uses the documented defaults', () => {
    const settings = readDeliverySettings(base)
    expect(settings.policy).toEqual(DEFAULT_POLICY)
    expect(settings.policy).toMatchObject({ attempts: 4, attemptTimeoutMs: 10_000, budgetMs: 25_000 })
    expect(settings.headers).toEqual({})
    expect(settings.signer).toBeUndefined()
  })

  it.each([
    [{ maxDeliveryAttempts: 0 }, 1, 10_000],
    [{ maxDeliveryAttempts: 99 }, 6, 10_000],
    [{ maxDeliveryAttempts: 2.6 }, 3, 10_000],
    [{ deliveryTimeoutSeconds: 0.1 }, 4, 1_000],
    [{ deliveryTimeoutSeconds: 600 }, 4, 15_000],
    [{ deliveryTimeoutSeconds: Number.NaN }, 4, 10_000],
  ])('clamps %j to safe ranges', (setting, attempts, timeout) => {
    expect(readDeliverySettings({ ...base, ...setting }).policy).toMatchObject({ attempts, attemptTimeoutMs: timeout })
  })

  it.each([
    ['ftp://example.com', /http:\/\/ or https:\/\//],
    ['https://user:pass@example.com/hook', /must not carry credentials/],
    ['example.com/hook', /not a valid URL/],
  ])('refuses the endpoint %j', (url, message) => {
    expect(() => readDeliverySettings({ responseEndpointURL: url })).toThrow(message)
  })

  it('accepts a Standard Webhooks secret and refuses malformed ones', () => {
    expect(readDeliverySettings({ ...base, signingSecret: SECRET }).signer).toBeInstanceOf(Webhook)
    expect(() => readDeliverySettings({ ...base, signingSecret: 'my-secret' })).toThrow(/whsec_/)
    expect(() => readDeliverySettings({ ...base, signingSecret: 'whsec_c2hvcnQ=' })).toThrow(/decodes to 5 bytes/)
  })

  it('lower-cases delivery headers and refuses the reserved or malformed ones', () => {
    expect(readDeliverySettings({ ...base, deliveryHeaders: [{ name: 'X-Api-Key', value: 'v' }] }).headers).toEqual({
      'x-api-key': 'v',
    })
    for (const name of ['Content-Type', 'webhook-signature', 'Webhook-Id', 'host']) {
      expect(() => readDeliverySettings({ ...base, deliveryHeaders: [{ name, value: 'x' }] })).toThrow(
        /set by the integration/
      )
    }
    expect(() => readDeliverySettings({ ...base, deliveryHeaders: [{ name: 'bad name', value: 'x' }] })).toThrow(
      /not a valid/
    )
    expect(() => readDeliverySettings({ ...base, deliveryHeaders: [{ name: 'x-a', value: 'a\r\nb: c' }] })).toThrow(
      /line break/
    )
  })

  it('never puts a header value or a secret in an error message', () => {
    try {
      readDeliverySettings({ ...base, deliveryHeaders: [{ name: 'x-a', value: 'top-secret\n' }] })
    } catch (thrown) {
      expect((thrown as Error).message).not.toContain('top-secret')
    }
  })
})

describe('parseInboundSecret', () => {
  it('accepts none, or one of at least 32 characters', () => {
    expect(parseInboundSecret(undefined)).toBeUndefined()
    expect(parseInboundSecret('s'.repeat(32))).toBe('s'.repeat(32))
    expect(() => parseInboundSecret('short')).toThrow(/at least 32/)
  })

  it.each([
    ['40 spaces', ' '.repeat(40)],
    ['tabs and line breaks', '\t\n'.repeat(20)],
  ])('refuses a secret of only whitespace: %s', (_name, secret) => {
    expect(() => parseInboundSecret(secret)).toThrow(/only whitespace/)
  })

  it.each([
    ['a leading space', ` ${'s'.repeat(40)}`],
    ['a trailing space', `${'s'.repeat(40)} `],
    ['a trailing line break', `${'s'.repeat(40)}\n`],
  ])('refuses a secret with %s, which a trimmed header could never match', (_name, secret) => {
    expect(() => parseInboundSecret(secret)).toThrow(/start or end with whitespace/)
  })

  it('keeps spaces inside a secret', () => {
    expect(parseInboundSecret(`${'s'.repeat(20)} ${'s'.repeat(20)}`)).toHaveLength(41)
  })
})
