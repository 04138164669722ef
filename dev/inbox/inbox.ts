import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { close, listen } from '../http/listen'
import { readBody } from '../http/read-body'

/** One delivery attempt: the body as parsed and as sent (`raw`, for signatures), and the status the inbox answered. */
export type InboxEntry = {
  at: string
  headers: IncomingHttpHeaders
  body: Record<string, unknown>
  raw: string
  status: number
}

/**
 * The built-in response endpoint of `npm start` and of the tests: answers 200 (settable) to every POST, keeps the deliveries
 * in order and hands each one to `onDelivery`.
 */
export class Inbox {
  public readonly entries: InboxEntry[] = []
  /** Where deliveries go, once started. */
  public url = ''
  private server?: Server
  private waiters: (() => void)[] = []
  private status = 200

  public constructor(private readonly onDelivery: (entry: InboxEntry) => void = () => {}) {}

  public async start(port = 0): Promise<string> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req).catch(() => '')
      let body: Record<string, unknown>
      try {
        body = JSON.parse(raw)
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"expected JSON"}')
        return
      }
      const entry = { at: new Date().toISOString(), headers: req.headers, body, raw, status: this.status }
      this.entries.push(entry)
      this.onDelivery(entry)
      this.waiters.splice(0).forEach((wake) => wake())
      res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: this.status < 300 }))
    })
    const bound = await listen(this.server, port, 'inbox')
    this.url = `http://127.0.0.1:${bound}/inbox`
    return this.url
  }

  /** Makes the inbox answer every delivery with `status` (to see how failed deliveries look). */
  public answerWith(status: number): void {
    this.status = status
  }

  public async stop(): Promise<void> {
    if (this.server) await close(this.server)
  }

  /** Resolves with the deliveries matching `filter` once there are `count` of them (or fails after `timeoutMs`). */
  public async waitFor(count: number, filter: (e: InboxEntry) => boolean = () => true, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const matching = this.entries.filter(filter)
      if (matching.length >= count) return matching
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`expected ${count} deliveries, got ${matching.length} after ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200))
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
}
