import { failure, type Delivery, type MessagingApi } from './client'

/**
 * The bot's messages in a conversation, oldest first, page after page: what a back-end reads after its
 * endpoint was down. Each page starts after the last message of the one before.
 */
export async function* readMessages(
  api: MessagingApi,
  conversationId: string,
  pageSize = 50
): AsyncGenerator<Delivery[]> {
  let after: string | undefined
  for (;;) {
    const { data, error, response } = await api.GET('/messages', {
      params: { query: { conversationId, limit: pageSize, ...(after === undefined ? {} : { after }) } },
    })
    if (error) throw failure('read the messages', error, response)
    yield data.messages
    const last = data.messages.at(-1)
    if (!data.hasMore || !last) return
    after = last.botpressMessageId
  }
}
