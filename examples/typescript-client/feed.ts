import { failure, type Delivery, type MessagingApi } from './client'

export type FeedPage = { messages: Delivery[]; cursor: string | null }

/**
 * The bot's messages in every conversation, as they come: what a back-end without a Response Endpoint URL
 * runs. Each read waits up to 25 s for the bot (long polling) and starts at the cursor of the one before;
 * store the last cursor to go on from it after a restart. Each message names its `conversationId`.
 */
export async function* followFeed(api: MessagingApi, after?: string): AsyncGenerator<FeedPage> {
  let cursor = after
  for (;;) {
    const { data, error, response } = await api.GET('/messages', {
      params: {
        query: { limit: 100, ...(cursor === undefined ? {} : { after: cursor }) },
        header: { Prefer: 'wait=25' },
      },
    })
    if (error) throw failure('read the feed', error, response)
    yield { messages: data.messages, cursor: data.cursor }
    cursor = data.cursor ?? cursor
  }
}
