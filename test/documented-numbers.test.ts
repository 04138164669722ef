import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FEED_POLL_MS } from '../src/inbound/read/feed-watch'
import { MAX_SEEN, TRAILING_WINDOW_MS } from '../src/inbound/read/hand-on'
import { FEED_LOOKUP_RESERVE } from '../src/inbound/read/read-feed'
import { CROWD_PAGES, MAX_CALLS_PER_READ } from '../src/inbound/read/read-page'
import { READ_LIMITS } from '../src/inbound/read/parse-read-query'
import { CALL_BUDGETS_MS } from '../src/botpress/call-deadline'
import { LIMITS } from '../definitions/limits'

// Every number hub.md and openapi.yaml give for reads is the one the code enforces: each phrase is written
// from its constant here, so changing a constant without its documents (or the reverse) fails.

const read = (file: string) => readFileSync(resolve(__dirname, '..', file), 'utf8').replace(/\s+/g, ' ')
const hub = read('hub.md')
const openapi = read('openapi.yaml')
/** Botpress lists 20 messages a page. */
const BOTPRESS_PAGE = 20

describe('the numbers of reads in hub.md and openapi.yaml', () => {
  it.each([
    ['hub.md', hub, `makes at most ${MAX_CALLS_PER_READ} Botpress calls`],
    ['hub.md', hub, `looks again at the ${TRAILING_WINDOW_MS / 1000} s before it`],
    ['hub.md', hub, `within ${FEED_POLL_MS / 1000} s otherwise`],
    ['hub.md', hub, `adds one per ${FEED_POLL_MS / 1000} s for all waits`],
    ['hub.md', hub, `\`limit\` is 1 to ${READ_LIMITS.maxLimit} (default ${READ_LIMITS.defaultLimit})`],
    ['hub.md', hub, `no answer within ${CALL_BUDGETS_MS.webhook / 1000} s`],
    ['hub.md', hub, `send them again, ${LIMITS.redeliverIds} a request`],
    ['hub.md', hub, `One attempt each, oldest first, within ${CALL_BUDGETS_MS.webhook / 1000} s`],
    ['openapi.yaml', openapi, `all within this request's ${CALL_BUDGETS_MS.webhook / 1000} s`],
    ['openapi.yaml', openapi, `maxItems: ${LIMITS.redeliverIds}`],
    ['openapi.yaml', openapi, `A read makes at most ${MAX_CALLS_PER_READ} Botpress calls`],
    [
      'openapi.yaml',
      openapi,
      `the same ${MAX_CALLS_PER_READ} calls, ${FEED_LOOKUP_RESERVE} of which are kept for those lookups`,
    ],
    ['openapi.yaml', openapi, `instance's shared poll within ${FEED_POLL_MS / 1000} s`],
    ['openapi.yaml', openapi, `one call every ${FEED_POLL_MS / 1000} s for all the waits`],
    ['openapi.yaml', openapi, `Each read looks again at the last ${TRAILING_WINDOW_MS / 1000} s before it`],
    ['openapi.yaml', openapi, `unless more than ${CROWD_PAGES * BOTPRESS_PAGE} messages share one millisecond`],
  ])('%s says "%s"', (_, text, phrase) => {
    expect(text).toContain(phrase)
  })

  it('a cursor at its longest fits the 256 characters the documents give', () => {
    // the listing, four base-36 times, a last id of at most 40, MAX_SEEN digests of 8, six separators
    expect(1 + 4 * 10 + 40 + MAX_SEEN * 8 + 6).toBeLessThanOrEqual(256)
    expect(openapi).toContain('Opaque, up to 256 characters')
  })
})
