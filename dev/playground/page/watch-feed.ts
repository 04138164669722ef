/** `GET {webhook URL}/messages` without conversationId: the feed of every conversation, 100 at a time, after the cursor. */
export const feedUrl = (webhookUrl: string, after?: string): string => {
  const query = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) })
  return `${webhookUrl.replace(/\/+$/, '')}/messages?${query}`
}

/** How long each read of the feed waits for the bot (`Prefer: wait`, at most 25 s). */
export const FEED_WAIT_SECONDS = 25

export type FeedStatus = { state: 'watching'; messages: number; reads: number } | { state: 'stopped'; reason: string }

/**
 * Watches the feed as a back-end without an endpoint does: reads from the start, then from each answer's
 * cursor, each read waiting up to 25 s for the bot. Every read shows in the HTTP log like any other request,
 * and the conversation view shows the bot's messages it returns. Stops at the first refusal, or when asked.
 */
export const watchFeed = (webhookUrl: string, token: string, onStatus: (status: FeedStatus) => void) => {
  const controller = new AbortController()
  const loop = async () => {
    let after: string | undefined
    let messages = 0
    for (let reads = 1; ; reads++) {
      const response = await fetch(feedUrl(webhookUrl, after), {
        headers: { authorization: `bearer ${token}`, prefer: `wait=${FEED_WAIT_SECONDS}` },
        signal: controller.signal,
      })
      if (!response.ok) return onStatus({ state: 'stopped', reason: `GET /messages answered ${response.status}` })
      const page = (await response.json()) as { messages: unknown[]; cursor: string | null }
      messages += page.messages.length
      after = page.cursor ?? after
      onStatus({ state: 'watching', messages, reads })
    }
  }
  loop().catch((error: unknown) => {
    if (!controller.signal.aborted)
      onStatus({ state: 'stopped', reason: `could not reach ${webhookUrl}: ${String(error)}` })
  })
  return { stop: () => controller.abort() }
}
