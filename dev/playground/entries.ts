/** What the playground's activity log holds, shared by the server that records it and the page that shows it. */

export type HttpMessage = { headers: Record<string, string>; body: string }

/** A request to a public webhook URL (from the page, curl or anything else) and the answer it got. */
export type ExchangeEntry = {
  kind: 'exchange'
  seq: number
  at: string
  durationMs: number
  request: HttpMessage & { method: string; url: string }
  response: HttpMessage & { status: number }
}

/** `unchecked`: the delivery is signed but no signing secret is known to check it. */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned' | 'unchecked'

/** One attempt of one delivery to the inbox; retries share the `webhook-id` header. */
export type DeliveryEntry = {
  kind: 'delivery'
  seq: number
  at: string
  url: string
  headers: Record<string, string>
  body: string
  /** What the inbox answered. */
  status: number
  signature: SignatureVerdict
  attempt: number
  sinceFirstAttemptMs: number
}

/** Something the local stack says: a problem it met, or a change of the inbox's answer. */
export type NoteEntry = {
  kind: 'note'
  seq: number
  at: string
  level: 'info' | 'problem'
  message: string
  /** Set when the note says the inbox now answers this status. */
  inboxStatus?: number
}

export type LogEntry = ExchangeEntry | DeliveryEntry | NoteEntry

export type NewLogEntry = Omit<ExchangeEntry, 'seq'> | Omit<DeliveryEntry, 'seq'> | Omit<NoteEntry, 'seq'>

/** The first event of every stream: the whole log, so every tab shows the same, and who sent it. */
export type Hello = {
  /** New at every start of the stack: a page that sees it change starts over. */
  sessionId: string
  entries: LogEntry[]
  webhookUrl: string
  token: string
  /** What the inbox answers to deliveries, or null when replies go to another endpoint, or to none. */
  inboxStatus: number | null
  /** Where the bot's replies go: the inbox, an endpoint of yours, or nowhere (read them from the feed). */
  replies: Replies
}

export type Replies = 'inbox' | 'endpoint' | 'feed'
