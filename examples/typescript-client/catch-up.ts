import { failure, type Delivery, type MessagingApi } from './client'

/**
 * The bot's messages in a conversation, oldest first, page after page: what a back-end reads after its
 * endpoint was down. Each page starts at the `cursor` of the one before; keep the last one to read on later.
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
    if (!data.hasMore || data.cursor === null) return
    after = data.cursor
  }
}
