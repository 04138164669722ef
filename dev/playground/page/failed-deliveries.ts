/** A failed delivery as `GET {webhook URL}/deliveries?status=failed` lists it (the fields the page shows). */
export type FailedDelivery = {
  botpressMessageId: string
  conversationId: string
  type: string
  failedAt: string
  reason: string
}

export type Redelivery = { botpressMessageId: string; status: string; reason?: string }

/** The most ids `POST /deliveries/redeliver` takes in one request. */
const PER_REQUEST = 20
/** Pages read at most: the page shows what a back-end would, not an unbounded walk. */
const MAX_PAGES = 10

const base = (webhookUrl: string) => webhookUrl.replace(/\/+$/, '')

/** Every failed delivery, oldest first, page after page from each answer's cursor; stops at the first refusal. */
export const listFailedDeliveries = async (
  webhookUrl: string,
  token: string
): Promise<{ deliveries: FailedDelivery[] } | { status: number }> => {
  const deliveries: FailedDelivery[] = []
  let after: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ status: 'failed', limit: '100', ...(after ? { after } : {}) })
    const response = await fetch(`${base(webhookUrl)}/deliveries?${query}`, {
      headers: { authorization: `bearer ${token}` },
    })
    if (!response.ok) return { status: response.status }
    const read = (await response.json()) as { deliveries: FailedDelivery[]; hasMore: boolean; cursor: string }
    deliveries.push(...read.deliveries)
    if (!read.hasMore) break
    after = read.cursor
  }
  return { deliveries }
}

/** Sends these messages again, 20 a request, one request after another; stops at the first refusal. */
export const redeliver = async (
  webhookUrl: string,
  token: string,
  ids: string[]
): Promise<{ results: Redelivery[] } | { status: number }> => {
  const results: Redelivery[] = []
  for (let start = 0; start < ids.length; start += PER_REQUEST) {
    const response = await fetch(`${base(webhookUrl)}/deliveries/redeliver`, {
      method: 'POST',
      headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ botpressMessageIds: ids.slice(start, start + PER_REQUEST) }),
    })
    if (!response.ok) return { status: response.status }
    results.push(...((await response.json()) as { results: Redelivery[] }).results)
  }
  return { results }
}
