import type { IncomingMessage, ServerResponse } from 'node:http'
import { contractFor } from '../api-contract/runtime-contract'
import { contractViolations } from '../api-contract/violation-log'
import {
  ApiFailure,
  asApiFailure,
  forbidden,
  invalidPayload,
  notFound,
  simulatedFailure,
  unauthorized,
} from './api-failure'
import type { BotStore } from './bot-store'
import type { FileStore } from './file-store'
import { NO_FAULTS, sleep, type Faults } from './faults'
import { RUNTIME_ROUTES, type CloudHooks } from './runtime-routes'

export type Credentials = {
  /** The token the integration and the bot runtime use (BP_TOKEN). */
  runtimeToken: string
  /** Personal access tokens accepted for every local bot. */
  personalAccessTokens: Set<string>
  /** Tokens Botpress knows but that are not allowed on these bots (another workspace's): answered 403, as Botpress does. */
  foreignTokens?: Set<string>
}

type Answer = {
  status: number
  body: string
  operation?: string
  simulated?: boolean
  headers?: Record<string, string>
}

const failureAnswer = (thrown: unknown, operation?: string): Answer => {
  const failure = asApiFailure(thrown)
  return { status: failure.code, body: JSON.stringify(failure), operation }
}

/**
 * The in-memory Botpress runtime API: bearer auth, Botpress's definition as the judge of every request and
 * answer, Botpress-style errors, simulated latency and failures, and a count of calls per operation.
 */
export class RuntimeApi {
  public faults: Faults = { ...NO_FAULTS }
  /** Items per page of every list; Botpress's is 20. */
  public pageSize = 20
  public readonly calls = new Map<string, number>()
  /** Told of every counted call, with its raw body, as it arrives (the benchmark attributes calls to messages). */
  public onCall?: (operation: string, body: string) => void

  public constructor(
    private readonly credentials: Credentials,
    private readonly bots: Map<string, BotStore>,
    private readonly hooks: CloudHooks,
    /** Botpress Files of every bot, and where the cloud listens: file URLs are under it. */
    private readonly files: FileStore,
    private readonly baseUrl: () => string
  ) {}

  public get totalCalls(): number {
    return [...this.calls.values()].reduce((sum, n) => sum + n, 0)
  }

  public resetCalls(): void {
    this.calls.clear()
  }

  public async serve(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    if (this.faults.resetConnections > 0) {
      this.faults.resetConnections -= 1
      req.socket.destroy()
      return
    }
    const judged = contractFor({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: rawBody,
    })
    const answer = await this.answer(req, rawBody, judged.verdict)
    if (answer.operation && !answer.simulated) {
      contractViolations.checked += 1
      for (const problem of judged.contract.checkResponse(answer.operation, answer.status, answer.body)) {
        contractViolations.record(`local cloud answered ${answer.operation} with HTTP ${answer.status}: ${problem}`)
      }
    }
    res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' }).end(answer.body)
  }

  private async answer(
    req: IncomingMessage,
    rawBody: string,
    verdict: ReturnType<typeof contractFor>['verdict']
  ): Promise<Answer> {
    const operation = verdict.operation
    if (!operation) {
      contractViolations.record(`called ${verdict.problems.join('; ')}`)
      return failureAnswer(new ApiFailure(405, 'MethodNotFound', verdict.problems.join('; ')))
    }
    const handle = RUNTIME_ROUTES[operation]
    if (!handle) {
      contractViolations.record(`called ${operation}, which the local cloud does not implement`)
      return failureAnswer(new ApiFailure(405, 'MethodNotFound', `${operation} is not implemented locally`), operation)
    }
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1)
    this.onCall?.(operation, rawBody)
    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs)
    const refusedWith = this.faults.refusedOperations[operation]
    if (refusedWith !== undefined) return this.simulated(refusedWith, operation)
    if (this.faults.failureRate > 0 && Math.random() < this.faults.failureRate) {
      return this.simulated(this.faults.failureStatus, operation)
    }
    try {
      this.authenticate(req.headers.authorization)
      if (verdict.problems.length) {
        contractViolations.record(`sent an invalid ${operation}: ${verdict.problems.join('; ')}`)
        throw invalidPayload(verdict.problems.join('; '))
      }
      const botId = String(req.headers['x-bot-id'])
      const store = this.bots.get(botId)
      if (!store) throw notFound('Bot', botId)
      const result = await handle({
        store,
        params: verdict.pathParams,
        body: rawBody ? JSON.parse(rawBody) : {},
        query: new URL(req.url ?? '/', 'http://local').searchParams,
        direction: req.headers['x-integration-id'] ? 'incoming' : 'outgoing',
        hooks: this.hooks,
        pageSize: this.pageSize,
        files: this.files,
        baseUrl: this.baseUrl(),
      })
      return { status: 200, body: JSON.stringify(result), operation }
    } catch (thrown) {
      return failureAnswer(thrown, operation)
    }
  }

  private simulated(status: number, operation: string): Answer {
    const headers = status === 429 ? this.faults.rateLimitHeaders : {}
    return { ...failureAnswer(simulatedFailure(status), operation), simulated: true, headers }
  }

  private authenticate(header: string | undefined): void {
    const token = /^bearer\s+(\S+)$/i.exec(header ?? '')?.[1]
    if (!token) throw unauthorized('Authentication required')
    if (this.credentials.foreignTokens?.has(token)) throw forbidden('The token is not allowed on this bot')
    if (token !== this.credentials.runtimeToken && !this.credentials.personalAccessTokens.has(token)) {
      throw unauthorized('Invalid or expired token')
    }
  }
}
