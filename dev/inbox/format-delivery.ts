type Delivery = Record<string, unknown> & { payload?: Record<string, unknown> }

const MAX_PREVIEW = 80

const shorten = (value: string) => (value.length > MAX_PREVIEW ? `${value.slice(0, MAX_PREVIEW - 1)}…` : value)

/** The human part of a payload: its text, or the field that best says what it is. */
const preview = ({ type, payload = {}, name }: Delivery): string => {
  const first = (...keys: string[]) =>
    keys.map((k) => payload[k]).find((v) => typeof v === 'string') as string | undefined
  switch (type) {
    case 'carousel':
      return `${(payload.items as unknown[] | undefined)?.length ?? 0} cards`
    case 'bloc':
      return `${(payload.items as unknown[] | undefined)?.length ?? 0} items`
    case 'event':
      return `${JSON.stringify(name)} ${JSON.stringify(payload)}`
    case 'location':
      return `${payload.latitude}, ${payload.longitude}`
    default:
      return JSON.stringify(
        first('text', 'markdown', 'title', 'imageUrl', 'audioUrl', 'videoUrl', 'fileUrl', 'message') ?? payload
      )
  }
}

/** One readable line per delivery, e.g. `chat-42 ← text "You said: hi" (msg_123)`. */
export const formatDelivery = (delivery: Delivery): string => {
  const conversation = String(delivery.conversationId ?? '(no conversationId)')
  const id = delivery.botpressMessageId ? ` (${delivery.botpressMessageId})` : ''
  return `${conversation} ← ${String(delivery.type)} ${shorten(preview(delivery))}${id}`
}
