import { describe, expect, it } from 'vitest'
import { curlCommand, shellQuote } from '../dev/playground/page/curl'

describe('copy as curl', () => {
  it('quotes for a POSIX shell, single quotes included', () => {
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`)
  })

  it('builds a command with the method, URL, headers and body', () => {
    const command = curlCommand({
      method: 'POST',
      url: 'http://127.0.0.1:8070/webhooks/demo',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      body: '{"text":"it\'s me"}',
    })
    expect(command).toBe(
      [
        `curl -X POST 'http://127.0.0.1:8070/webhooks/demo' \\`,
        `  -H 'content-type: application/json' \\`,
        `  -H 'webhook-id: msg_1' \\`,
        `  --data-raw '{"text":"it'\\''s me"}'`,
      ].join('\n')
    )
  })

  it('reads the token from $TOKEN, since the log holds it masked', () => {
    const command = curlCommand({ method: 'POST', url: 'http://x', headers: { authorization: 'bearer loca…oken' } })
    expect(command).toContain(`-H "Authorization: bearer $TOKEN"`)
    expect(command).not.toContain('loca…oken')
  })

  it('leaves out the headers a browser or client adds by itself', () => {
    const command = curlCommand({
      method: 'GET',
      url: 'http://x',
      headers: { host: 'x', 'user-agent': 'Chrome', 'sec-fetch-mode': 'cors', 'content-length': '2', 'x-api-key': 'k' },
    })
    expect(command).toBe(`curl -X GET 'http://x' \\\n  -H 'x-api-key: k'`)
  })
})
