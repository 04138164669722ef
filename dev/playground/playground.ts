import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookExchange } from '../cloud/local-cloud'
import type { Inbox, InboxEntry } from '../inbox/inbox'
import { ActivityLog } from './activity-log'
import { streamEvents } from './events'
import type { Replies } from './entries'
import { deliveryEntry, exchangeEntry } from './record'
import { serveStatic } from './static-files'

export const PLAYGROUND_PATH = '/playground'

export type PlaygroundOptions = {
  webhookUrl: () => string
  token: string
  /** The bot's signing secret, to check each delivery's signature. */
  signingSecret?: string
  /** The built-in inbox, when replies go to it: its failures can then be switched on from the page. */
  inbox?: Inbox
  /** Where the bot's replies go; with `feed`, the page watches the feed from the start. */
  replies: Replies
}

const isStatus = (value: unknown): value is number =>
  Number.isInteger(value) && Number(value) >= 200 && Number(value) < 600

const parseStatus = (body: string): unknown => {
  try {
    return JSON.parse(body).status
  } catch {
    return undefined
  }
}

/**
 * The playground page and what feeds it: an activity log of every webhook exchange and delivery attempt,
 * streamed to every open page. The local cloud serves `route` under `PLAYGROUND_PATH`.
 */
export const createPlayground = (options: PlaygroundOptions) => {
  const log = new ActivityLog()
  const sessionId = randomUUID()
  let inboxStatus = 200

  const note = (level: 'info' | 'problem', message: string, extra: { inboxStatus?: number } = {}) =>
    log.add({ kind: 'note', at: new Date().toISOString(), level, message, ...extra })

  const setInboxStatus = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const status = parseStatus(body)
    if (req.method !== 'POST' || !options.inbox || !isStatus(status)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"expected POST {status} to the inbox"}')
      return
    }
    options.inbox.answerWith(status)
    inboxStatus = status
    note('info', `The inbox now answers ${status} to every delivery.`, { inboxStatus: status })
    res.writeHead(204).end()
  }

  const route = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const file = (req.url ?? '').split('?')[0]!.slice(PLAYGROUND_PATH.length)
    if (file === '/events') {
      return streamEvents(res, log, () => ({
        sessionId,
        webhookUrl: options.webhookUrl(),
        token: options.token,
        inboxStatus: options.inbox ? inboxStatus : null,
        replies: options.replies,
      }))
    }
    if (file === '/inbox') return setInboxStatus(req, res, body)
    return serveStatic(file, res)
  }

  return {
    log,
    route,
    recordExchange: (exchange: WebhookExchange) => log.add(exchangeEntry(exchange)),
    recordDelivery: (delivery: InboxEntry, inboxUrl: string) =>
      log.add(deliveryEntry(delivery, inboxUrl, options.signingSecret, log.snapshot())),
    recordProblem: (message: string) => note('problem', message),
  }
}

export type Playground = ReturnType<typeof createPlayground>
