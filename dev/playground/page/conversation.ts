import type { LogEntry } from '../entries'
import { waitedOf, type Waited } from './waited'

export type MessageContent = { type: string; payload: Record<string, unknown> }
export type FieldIssue = { path: string; message: string }
export type ApiError = { status: number; code: string; message: string; issues: FieldIssue[] }

export type Bubble =
  | { key: string; from: 'user'; at: string; content: MessageContent }
  /** A bot message: delivered to the inbox (`attempts` of them), or only read from the webhook URL (0 attempts). */
  | { key: string; from: 'bot'; at: string; content: MessageContent; attempts: number; lastStatus: number }
  | { key: string; from: 'error'; at: string; error: ApiError }
  /** How the bot's turn ended, from a waited answer; placed when the answer came. */
  | { key: string; from: 'outcome'; at: string; waited: Waited }

type BotBubble = Extract<Bubble, { from: 'bot' }>

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** The error an answer carries: the contract's `{ error: { code, message, issues } }`, or what else its body says. */
export const apiError = (status: number, body: string): ApiError | undefined => {
  if (status < 400) return undefined
  const parsed = parseJson(body)
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : {}
  const issues = Array.isArray(error.issues) ? error.issues.filter(isRecord) : []
  return {
    status,
    code: text(error.code) ?? `http_${status}`,
    message: text(error.message) ?? (isRecord(parsed) ? text(parsed.message) : undefined) ?? (body || `HTTP ${status}`),
    issues: issues.map((issue) => ({ path: String(issue.path ?? ''), message: String(issue.message ?? '') })),
  }
}

/** A custom event (sent to `/events`, or delivered as `type: "event"`) shows as `{ name, payload }`. */
const isEvent = (message: Record<string, unknown>) =>
  message.type === 'event' || (message.type === undefined && typeof message.name === 'string')

const contentOf = (message: Record<string, unknown>): MessageContent =>
  isEvent(message)
    ? { type: 'event', payload: { name: message.name, payload: isRecord(message.payload) ? message.payload : {} } }
    : {
        type: String(message.type ?? 'text'),
        payload: isRecord(message.payload) ? message.payload : { text: message.text },
      }

/**
 * The bot's messages an answer carries in the delivery envelope: a read's `messages` (the feed's too), a waited
 * answer's `replies`. Without an endpoint, they are the only way the page sees the bot's messages.
 */
const envelopesIn = (answer: unknown): Record<string, unknown>[] => {
  if (!isRecord(answer)) return []
  const list = Array.isArray(answer.messages) ? answer.messages : Array.isArray(answer.replies) ? answer.replies : []
  return list.filter(isRecord).filter((m) => typeof m.botpressMessageId === 'string')
}

/**
 * What the conversation view shows for `conversationId`, in time order: the messages sent to the webhook, how
 * the bot's turn ended when the answer waited for it, the answers that failed (also those whose body names no
 * conversation), and each bot reply once however many times it was attempted (its attempts share a `webhook-id`,
 * which is its `botpressMessageId`) or read back.
 */
export const conversationOf = (entries: LogEntry[], conversationId: string): Bubble[] => {
  const bubbles: Bubble[] = []
  const replies = new Map<string, BotBubble>()
  const readBack = (envelope: Record<string, unknown>) => {
    const id = String(envelope.botpressMessageId)
    if (envelope.conversationId !== conversationId || replies.has(id)) return
    const at = typeof envelope.createdAt === 'string' ? envelope.createdAt : new Date(0).toISOString()
    const reply: BotBubble = {
      key: `bot-${id}`,
      from: 'bot',
      at,
      content: contentOf(envelope),
      attempts: 0,
      lastStatus: 0,
    }
    replies.set(id, reply)
    bubbles.push(reply)
  }
  for (const entry of entries) {
    if (entry.kind === 'exchange') {
      const sent = parseJson(entry.request.body)
      const sentTo = isRecord(sent) ? sent.conversationId : undefined
      const answer = parseJson(entry.response.body)
      const error = apiError(entry.response.status, entry.response.body)
      if (error && (sentTo === undefined || sentTo === conversationId)) {
        bubbles.push({ key: `error-${entry.seq}`, from: 'error', at: entry.at, error })
      } else if (!error && isRecord(sent) && sentTo === conversationId) {
        bubbles.push({ key: `user-${entry.seq}`, from: 'user', at: entry.at, content: contentOf(sent) })
        const waited = waitedOf(answer)
        const answeredAt = new Date(Date.parse(entry.at) + entry.durationMs).toISOString()
        if (waited) bubbles.push({ key: `outcome-${entry.seq}`, from: 'outcome', at: answeredAt, waited })
      }
      if (!error) envelopesIn(answer).forEach(readBack)
    } else if (entry.kind === 'delivery') {
      const body = parseJson(entry.body)
      if (!isRecord(body) || body.conversationId !== conversationId) continue
      const id = entry.headers['webhook-id'] ?? String(entry.seq)
      const known = replies.get(id)
      if (known) {
        known.attempts = entry.attempt
        known.lastStatus = entry.status
        continue
      }
      const reply: BotBubble = {
        key: `bot-${id}`,
        from: 'bot',
        at: entry.at,
        content: contentOf(body),
        attempts: entry.attempt,
        lastStatus: entry.status,
      }
      replies.set(id, reply)
      bubbles.push(reply)
    }
  }
  // A waited answer is logged when it comes, after the replies it waited for: order by time, not by log.
  return bubbles.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}
