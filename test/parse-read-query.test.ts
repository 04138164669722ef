import { describe, expect, it } from 'vitest'
import { HttpError } from '../src/errors'
import { parseReadQuery, READ_LIMITS } from '../src/inbound/read/parse-read-query'

const issuesOf = (query: string) => {
  try {
    parseReadQuery(query)
    return 'accepted'
  } catch (thrown) {
    if (!(thrown instanceof HttpError)) return 'crashed'
    expect(thrown.status).toBe(400)
    expect(thrown.code).toBe('invalid_query')
    return thrown.issues
  }
}

describe('parseReadQuery', () => {
  it('reads conversationId, after and limit, the limit defaulting to 50', () => {
    expect(parseReadQuery('conversationId=chat-42')).toEqual({ conversationId: 'chat-42', limit: 50 })
    expect(parseReadQuery('conversationId=chat%2042&after=msg_1&limit=100&other=x')).toEqual({
      conversationId: 'chat 42',
      after: 'msg_1',
      limit: 100,
    })
    expect(READ_LIMITS).toEqual({ defaultLimit: 50, maxLimit: 100 })
  })

  it('reads the feed of every conversation without conversationId', () => {
    expect(parseReadQuery('')).toEqual({ limit: 50 })
    expect(parseReadQuery('after=msg_1&limit=7')).toEqual({ after: 'msg_1', limit: 7 })
  })

  it.each(['conversationId=', 'conversationId'])(
    'refuses an empty conversationId in %j, saying how to read the feed',
    (query) => {
      expect(issuesOf(query)).toEqual([
        {
          path: 'conversationId',
          message: 'conversationId is empty: give the id your messages carry, or omit it to read every conversation',
        },
      ])
    }
  )

  it.each(['0', '101', '-1', '1.5', 'ten', '', ' 5', '1e2', '0x10'])('refuses limit=%j', (limit) => {
    expect(issuesOf(`conversationId=c&limit=${limit}`)).toEqual([
      { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
    ])
  })

  it('refuses an empty after, a parameter given twice, and names every problem at once', () => {
    expect(issuesOf('conversationId=c&after=')).toEqual([expect.objectContaining({ path: 'after' })])
    expect(issuesOf('conversationId=a&conversationId=b&limit=0&limit=1')).toEqual([
      { path: 'conversationId', message: 'conversationId is given 2 times; give it once' },
      { path: 'limit', message: 'limit is given 2 times; give it once' },
      { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
    ])
  })

  it('refuses ids longer than the webhook accepts', () => {
    expect(issuesOf(`conversationId=${'c'.repeat(257)}`)).toEqual([expect.objectContaining({ path: 'conversationId' })])
    expect(issuesOf(`conversationId=c&after=${'m'.repeat(257)}`)).toEqual([expect.objectContaining({ path: 'after' })])
  })
})
