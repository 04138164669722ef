import { describe, expect, it } from 'vitest'
import { messagesUrl } from '../dev/playground/page/read-history'
import { feedUrl } from '../dev/playground/page/watch-feed'

describe('the playground reads the history at', () => {
  it('{webhook URL}/messages with the conversation, 100 at a time, after the cursor when there is one', () => {
    expect(messagesUrl('http://127.0.0.1:8070/webhooks/demo', 'chat 1')).toBe(
      'http://127.0.0.1:8070/webhooks/demo/messages?conversationId=chat+1&limit=100'
    )
    expect(messagesUrl('http://127.0.0.1:8070/webhooks/demo/', 'chat-1', 'msg_1')).toBe(
      'http://127.0.0.1:8070/webhooks/demo/messages?conversationId=chat-1&limit=100&after=msg_1'
    )
  })
})

describe('the playground watches the feed at', () => {
  it('{webhook URL}/messages without conversationId, 100 at a time, after the cursor when there is one', () => {
    expect(feedUrl('http://127.0.0.1:8070/webhooks/demo/')).toBe(
      'http://127.0.0.1:8070/webhooks/demo/messages?limit=100'
    )
    expect(feedUrl('http://127.0.0.1:8070/webhooks/demo', 'msg_1~kx~')).toBe(
      'http://127.0.0.1:8070/webhooks/demo/messages?limit=100&after=msg_1%7Ekx%7E'
    )
  })
})
