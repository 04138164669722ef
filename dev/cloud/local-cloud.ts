import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { close, listen } from '../http/listen'
import { isOwnHost, refuseForeignHost } from '../http/own-host'
import { readBody } from '../http/read-body'
import { ApiFailure } from './api-failure'
import { newId } from './ids'
import { BotStore } from './bot-store'
import { dispatchToBot, messageEvent } from './bot-dispatcher'
import { FILE_PATH, FileStore, UPLOAD_PATH } from './file-store'
import { serveFile } from './file-routes'
import {
  integrationErrorMessage,
  IntegrationDriver,
  type Installation,
  type IntegrationUrl,
  type OperationAnswer,
} from './integration-driver'
import type { BotEvent, Message } from './model'
import { RuntimeApi } from './runtime-api'

export type LocalCloudOptions = {
  /** Where the integration's HTTP server listens; a function picks one of several instances per call. */
  integrationUrl: IntegrationUrl
  runtimeToken: string
  personalAccessTokens: string[]
  /** Tokens of strangers: Botpress knows them, but they are not allowed on these bots (answered 403). */
  foreignTokens?: string[]
  integrationName?: string
  /** Called with every problem the cloud meets while handing work to a bot or the integration. */
  onProblem?: (message: string) => void
  /** Called once each request to a webhook URL is answered, with the request and the answer as they were. */
  onExchange?: (exchange: WebhookExchange) => void
  /** More routes served beside the runtime API, by path prefix (e.g. the playground page). */
  routes?: Record<string, RouteHandler>
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

/** One request to a public webhook URL and the answer it got. */
export type WebhookExchange = {
  at: string
  durationMs: number
  request: { method: string; url: string; headers: Record<string, string>; body: string }
  response: OperationAnswer
}

export type InstallOptions = {
  configuration: Record<string, unknown>
  botId?: string
  /** Fixed by `npm start` so the printed webhook URL stays the same across restarts. */
  webhookId?: string
  /** The bot's HTTP server (an SDK `Bot`); without it, user messages are stored and go nowhere. */
  botUrl?: string
}

type InstalledBot = { installation: Installation; store: BotStore; botUrl?: string }

/**
 * A stand-in of Botpress Cloud on one machine: the runtime API, the public webhook URLs,
 * and the calls to the integration and to the bots that the cloud makes.
 */
export class LocalCloud {
  public readonly api: RuntimeApi
  public readonly driver: IntegrationDriver
  private readonly bots = new Map<string, InstalledBot>()
  /** One integration, installed on every local bot. */
  private readonly integrationId = newId('intver')
  private readonly stores = new Map<string, BotStore>()
  /** Botpress Files of every bot: upserted through the API, PUT to their upload URL, served at their URL. */
  private readonly files = new FileStore()
  private server?: Server
  private port = 0
  private baseUrl = ''

  public constructor(private readonly options: LocalCloudOptions) {
    this.driver = new IntegrationDriver(options.integrationUrl)
    this.api = new RuntimeApi(
      {
        runtimeToken: options.runtimeToken,
        personalAccessTokens: new Set(options.personalAccessTokens),
        foreignTokens: new Set(options.foreignTokens),
      },
      this.stores,
      {
        messageCreated: (store, message) => this.onMessage(store, message),
        eventCreated: (store, event) => this.onEvent(store, event),
        actionCalled: (store, type, input) => this.onAction(store, type, input),
      },
      this.files,
      () => this.baseUrl
    )
  }

  public get url(): string {
    return this.baseUrl
  }

  public async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.route(req, res))
    this.port = await listen(this.server, port, 'local cloud')
    this.baseUrl = `http://127.0.0.1:${this.port}`
    return this.baseUrl
  }

  public async stop(): Promise<void> {
    if (this.server) await close(this.server)
  }

  public webhookUrl(install: Pick<Installation, 'webhookId'>): string {
    return `${this.baseUrl}/webhooks/${install.webhookId}`
  }

  public store(botId: string): BotStore {
    const store = this.stores.get(botId)
    if (!store) throw new Error(`No bot ${botId} is installed`)
    return store
  }

  /** Installs the integration on a new bot: calls `register`, and refuses the install when it fails. */
  public async install({ configuration, botId, webhookId, botUrl }: InstallOptions): Promise<Installation> {
    const id = botId ?? newId('bot')
    const installation: Installation = {
      botId: id,
      botUserId: `${id}_user`,
      integrationId: this.integrationId,
      webhookId: webhookId ?? randomUUID(),
      configuration,
    }
    const answer = await this.driver.register(installation, this.webhookUrl(installation))
    if (answer.status !== 200) {
      throw new Error(`register failed: ${integrationErrorMessage(answer)}`)
    }
    const store = new BotStore(id, this.integrationName)
    this.stores.set(id, store)
    this.bots.set(installation.webhookId, { installation, store, botUrl })
    return installation
  }

  public async uninstall(installation: Installation): Promise<void> {
    await this.driver.unregister(installation, this.webhookUrl(installation))
    this.bots.delete(installation.webhookId)
    this.stores.delete(installation.botId)
  }

  private installed(botId: string): InstalledBot | undefined {
    return [...this.bots.values()].find((bot) => bot.installation.botId === botId)
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every path, the playground's page and stream first among them, answers only under its own address.
    if (!isOwnHost(req.headers.host, this.port)) return refuseForeignHost(res, this.port)
    // Files go as bytes, not text, and are larger than any API body.
    if (req.url?.startsWith(`${UPLOAD_PATH}/`) || req.url?.startsWith(`${FILE_PATH}/`))
      return serveFile(this.files, req, res)
    let body: string
    try {
      body = await readBody(req)
    } catch (error) {
      res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }))
      return
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith('/v1/')) return this.api.serve(req, res, body)
    if (path.startsWith('/webhooks/')) return this.forwardWebhook(req, res, body)
    if (path === '/health') return void res.writeHead(200).end('ok')
    const mounted = Object.entries(this.options.routes ?? {}).find(
      ([prefix]) => path === prefix || path.startsWith(`${prefix}/`)
    )
    if (mounted) return mounted[1](req, res, body)
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `No route ${path}` }))
  }

  /** The public webhook URL: hands the caller's request to the integration, and its answer back unchanged. */
  private async forwardWebhook(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const startedAt = Date.now()
    const headers: Record<string, string> = {}
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!
    }
    const answer = await this.answerWebhook(req, headers, body)
    res.writeHead(answer.status, answer.headers).end(answer.body)
    this.options.onExchange?.({
      at: new Date(startedAt).toISOString(),
      durationMs: Date.now() - startedAt,
      request: { method: req.method ?? 'GET', url: `${this.baseUrl}${req.url ?? '/'}`, headers, body },
      response: answer,
    })
  }

  private async answerWebhook(
    req: IncomingMessage,
    headers: Record<string, string>,
    body: string
  ): Promise<OperationAnswer> {
    const json = (status: number, message: string) => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    })
    const url = new URL(req.url ?? '/', 'http://local')
    const [, , webhookId = '', ...rest] = url.pathname.split('/')
    const bot = this.bots.get(webhookId)
    if (!bot) return json(404, 'Unknown webhook')
    try {
      const answer = await this.driver.webhookReceived(bot.installation, {
        method: req.method ?? 'GET',
        path: rest.length ? `/${rest.join('/')}` : '',
        query: url.search.replace(/^\?/, ''),
        headers,
        body,
      })
      const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _c, ...passed } = answer.headers
      return { ...answer, headers: passed }
    } catch (error) {
      this.problem(`the integration could not be reached: ${String(error)}`)
      return json(502, 'Integration unreachable')
    }
  }

  private async onMessage(store: BotStore, message: Message): Promise<void> {
    const bot = this.installed(store.botId)
    if (!bot) return
    const conversation = store.getConversation(message.conversationId)
    // Like Botpress, the cloud hands a bot message only to the integration whose conversation it is in.
    if (message.direction === 'outgoing' && !store.isIntegrations(conversation)) return
    if (message.direction === 'outgoing') {
      const user = message.userId === store.botId ? { id: store.botId, tags: {} } : store.getUser(message.userId)
      const answer = await this.driver.messageCreated(bot.installation, { conversation, user, message })
      if (answer.status !== 200) {
        const reason = integrationErrorMessage(answer)
        this.problem(`message ${message.id} was not delivered by the integration: ${reason}`)
        throw new ApiFailure(400, 'Runtime', reason)
      }
      return
    }
    // Created with the message, so the API's answer to the intake already links it; pending until the bot is done.
    const event = store.createEvent(messageEvent(message, store.getUser(message.userId), conversation))
    if (bot.botUrl) this.toBot(bot.botUrl, store, event)
    else store.settleEvent(event.id, 'ignored')
  }

  /** Bots see an integration's events under the integration's name, as in Botpress (`messaging-api:custom`). */
  private onEvent(store: BotStore, event: BotEvent): void {
    const bot = this.installed(store.botId)
    if (bot?.botUrl) this.toBot(bot.botUrl, store, event, `${this.integrationName}:${event.type}`)
  }

  private async onAction(store: BotStore, type: string, input: unknown): Promise<unknown> {
    const bot = this.installed(store.botId)
    const [integration, action = ''] = type.split(':')
    if (!bot || integration !== this.integrationName) {
      throw new ApiFailure(404, 'ResourceNotFound', `Action "${type}" is not available to bot ${store.botId}`)
    }
    const answer = await this.driver.actionTriggered(bot.installation, action, input)
    if (answer.status !== 200) throw new ApiFailure(400, 'Runtime', integrationErrorMessage(answer))
    return (JSON.parse(answer.body) as { output: unknown }).output
  }

  private get integrationName(): string {
    return this.options.integrationName ?? 'messaging-api'
  }

  /**
   * Like the cloud, the API answers first; the bot handles the event afterwards, and the event's status then
   * says how that went. `typeForBot` is the type the bot sees, when it differs from the stored one.
   */
  private toBot(botUrl: string, store: BotStore, event: BotEvent, typeForBot = event.type): void {
    void dispatchToBot(botUrl, store.botId, { ...event, type: typeForBot }).then((verdict) => {
      if (verdict.status === 'failed') {
        this.problem(`bot ${store.botId} failed on event ${typeForBot}: ${verdict.failureReason}`)
      }
      store.settleEvent(event.id, verdict.status, verdict.status === 'failed' ? verdict.failureReason : undefined)
    })
  }

  private problem(message: string): void {
    ;(this.options.onProblem ?? console.warn)(`[local cloud] ${message}`)
  }
}
