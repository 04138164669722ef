import { randomUUID } from 'node:crypto'
import { failure, type MessagingApi } from './client'

type Parties = { userId: string; conversationId: string }

/**
 * A text message with `Prefer: wait`: the answer also carries the bot's replies once the bot is done with it
 * (or the wait ran out). Without the header, or when the server did not wait, it has only the records.
 */
export const sendAndWait = async (api: MessagingApi, parties: Parties, text: string, waitSeconds = 10) => {
  const { data, error, response } = await api.POST('/', {
    params: { header: { Prefer: `wait=${waitSeconds}` } },
    body: { ...parties, messageId: randomUUID(), type: 'text', text },
  })
  if (error) throw failure('send a message', error, response)
  if (!('replies' in data)) throw new Error('The answer has no replies: the server did not wait.')
  return data // narrowed to the waited answer: replies, complete, waitRule, outcome
}

/**
 * A message of a type of your own (`quick_reply` here) with any JSON payload: the bot reads it as text, with
 * your type and payload beside it (`payload.originalType`, `payload.originalPayload`).
 */
export const sendOwnType = async (api: MessagingApi, parties: Parties) => {
  const { data, error, response } = await api.POST('/', {
    params: { header: { Prefer: 'wait=10' } },
    body: {
      ...parties,
      messageId: randomUUID(),
      type: 'quick_reply',
      text: 'Yes please',
      payload: { value: 'yes', offer: { id: 42, tags: ['spring', 'sale'] } },
    },
  })
  if (error) throw failure('send a quick_reply', error, response)
  return data
}
