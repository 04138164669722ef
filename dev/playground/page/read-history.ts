export type HistoryRead = { count: number; requests: number } | { status: number; requests: number }

/** `GET {webhook URL}/messages` for a conversation, from its first message or after `after`, 100 at a time. */
export const messagesUrl = (webhookUrl: string, conversationId: string, after?: string): string => {
  const query = new URLSearchParams({ conversationId, limit: '100', ...(after ? { after } : {}) })
  return `${webhookUrl.replace(/\/+$/, '')}/messages?${query}`
}

/**
 * Reads the bot's messages of a conversation through the Messaging API, page after page from each
 * answer's cursor, as a back-end catching up does; each request shows in the HTTP log like any other. Stops at the first refusal.
 */
export const readHistory = async (webhookUrl: string, token: string, conversationId: string): Promise<HistoryRead> => {
  let count = 0
  let requests = 0
  let after: string | undefined
  for (;;) {
    const response = await fetch(messagesUrl(webhookUrl, conversationId, after), {
      headers: { authorization: `bearer ${token}` },
    })
    requests++
    if (!response.ok) return { status: response.status, requests }
    const page = (await response.json()) as { messages: unknown[]; hasMore: boolean; cursor: string | null }
    count += page.messages.length
    if (!page.hasMore || !page.cursor) return { count, requests }
    after = page.cursor
  }
}
