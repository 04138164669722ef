import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiFailure, notFound, simulatedFailure, unauthorized } from './api-failure'
import type { BotStore } from './bot-store'
import { NO_FAULTS, sleep, type Faults } from './faults'
import { RUNTIME_ROUTES, type CloudHooks } from './runtime-routes'

export type Credentials = {
  /** The token the integration and the bot runtime use (BP_TOKEN). */
  runtimeToken: string
  /** Personal access tokens accepted for every local bot. */
  personalAccessTokens: Set<string>
}

/**
 * The in-memory Botpress runtime API: bearer auth, routing, Botpress-style errors,
 * simulated latency and failures, and a count of calls per operation.
 */
export class RuntimeApi {
  public faults: Faults = { ...NO_FAULTS }
  public readonly calls = new Map<string, number>()

  public constructor(
    private readonly credentials: Credentials,
    private readonly bots: Map<string, BotStore>,
    private readonly hooks: CloudHooks
  ) {}

  public get totalCalls(): number {
    return [...this.calls.values()].reduce((sum, n) => sum + n, 0)
  }

  public resetCalls(): void {
    this.calls.clear()
  }

  public async serve(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    try {
      const answer = await this.dispatch(req, rawBody)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    } catch (thrown) {
      const failure =
        thrown instanceof ApiFailure
          ? thrown
          : new ApiFailure(500, 'Internal', thrown instanceof Error ? thrown.message : String(thrown))
      res.writeHead(failure.code, { 'content-type': 'application/json' }).end(JSON.stringify(failure))
    }
  }

  private async dispatch(req: IncomingMessage, rawBody: string): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://local')
    const match = this.match(req.method ?? 'GET', url.pathname)
    this.calls.set(match.route.name, (this.calls.get(match.route.name) ?? 0) + 1)
    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs)
    if (this.faults.failureRate > 0 && Math.random() < this.faults.failureRate) {
      throw simulatedFailure(this.faults.failureStatus)
    }
    this.authenticate(req.headers.authorization)
    const botId = String(req.headers['x-bot-id'] ?? '')
    const store = this.bots.get(botId)
    if (!store) throw notFound('Bot', botId)
    return match.route.handle({
      store,
      params: match.params,
      body: rawBody ? JSON.parse(rawBody) : {},
      query: url.searchParams,
      direction: req.headers['x-integration-id'] ? 'incoming' : 'outgoing',
      hooks: this.hooks,
    })
  }

  private match(method: string, path: string) {
    for (const route of RUNTIME_ROUTES) {
      const found = route.method === method ? route.pattern.exec(path) : null
      if (found) return { route, params: found.slice(1).map(decodeURIComponent) }
    }
    throw new ApiFailure(404, 'MethodNotFound', `${method} ${path} is not implemented by the local cloud`)
  }

  private authenticate(header: string | undefined): void {
    const token = /^bearer\s+(\S+)$/i.exec(header ?? '')?.[1]
    if (!token) throw unauthorized('Authentication required')
    if (token !== this.credentials.runtimeToken && !this.credentials.personalAccessTokens.has(token)) {
      throw unauthorized('Invalid or expired token')
    }
  }
}
