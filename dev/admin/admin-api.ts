import * as api from '@botpress/api'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { ApiContract, type ApiState, type HttpRequest, type RequestVerdict } from '../api-contract/contract'
import { ApiFailure, asApiFailure, invalidPayload, unauthorized } from '../cloud/api-failure'
import { close, listen } from '../http/listen'
import { readBody } from '../http/read-body'
import { ADMIN_ROUTES, type StoredIntegration } from './admin-routes'
import type { Workspace } from './workspace'

export type AdminApiOptions = {
  /** The personal access token it accepts. */
  token: string
  workspace: Workspace
}

/** One request to the admin API and its answer, judged by Botpress's admin definition. */
export type AdminExchange = {
  operation?: string
  method: string
  url: string
  status: number
  /** What breaks the definition, in the request or in the answer: empty when both are valid. */
  problems: string[]
}

const definition = api.admin.state as unknown as ApiState

/**
 * A local stand-in of the Botpress admin API, for `bp login` and `bp deploy --apiUrl`. Every request is
 * checked against `@botpress/api`'s admin definition and refused as Botpress refuses it when it breaks it;
 * every answer is checked too, and every exchange is recorded with what was wrong with it.
 */
export class AdminApi {
  public readonly exchanges: AdminExchange[] = []
  /** Deployed integration versions, by id. */
  public readonly integrations = new Map<string, StoredIntegration>()
  private readonly contract = new ApiContract(definition)
  private readonly server = createServer((req, res) => void this.serve(req, res))
  private readonly startedAt = new Date().toISOString()

  public constructor(private readonly options: AdminApiOptions) {}

  /** Listens on 127.0.0.1 and gives the URL to pass as `--apiUrl`. */
  public async start(port = 0): Promise<string> {
    return `http://127.0.0.1:${await listen(this.server, port, 'local admin API')}`
  }

  public stop(): Promise<void> {
    return close(this.server)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request: HttpRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: '' }
    let failure: ApiFailure | undefined
    try {
      request.body = await readBody(req, 50 * 1024 * 1024)
    } catch (thrown) {
      failure = new ApiFailure(413, 'PayloadTooLarge', thrown instanceof Error ? thrown.message : String(thrown))
    }
    const verdict: RequestVerdict = failure ? { pathParams: {}, problems: [] } : this.contract.checkRequest(request)
    const { status, answer } = failure ? { status: failure.code, answer: failure } : this.answer(request, verdict)
    const text = JSON.stringify(answer)
    const answerProblems = verdict.operation ? this.contract.checkResponse(verdict.operation, status, text) : []
    const { method, url } = request
    this.exchanges.push({
      operation: verdict.operation,
      method,
      url,
      status,
      problems: [...verdict.problems, ...answerProblems],
    })
    res.writeHead(status, { 'content-type': 'application/json' }).end(text)
  }

  private answer(request: HttpRequest, verdict: RequestVerdict): { status: number; answer: unknown } {
    try {
      const { operation } = verdict
      if (!operation) throw new ApiFailure(404, 'ResourceNotFound', verdict.problems.join('; '))
      this.authenticate(request.headers)
      if (verdict.problems.length > 0) throw invalidPayload(verdict.problems.join('; '))
      const route = ADMIN_ROUTES[operation]
      if (!route) throw new ApiFailure(405, 'MethodNotFound', `${operation} is not served by the local admin API`)
      const url = new URL(request.url, 'http://admin')
      const body = request.body ? JSON.parse(request.body) : {}
      const context = { workspace: this.options.workspace, integrations: this.integrations, startedAt: this.startedAt }
      return { status: 200, answer: route({ ...context, params: verdict.pathParams, query: url.searchParams, body }) }
    } catch (thrown) {
      const failure = asApiFailure(thrown)
      return { status: failure.code, answer: failure }
    }
  }

  private authenticate(headers: HttpRequest['headers']): void {
    const token = /^bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1]
    if (token !== this.options.token) throw unauthorized('Invalid or missing personal access token')
    const workspaceId = headers['x-workspace-id']
    if (workspaceId !== undefined && workspaceId !== this.options.workspace.id) {
      throw new ApiFailure(403, 'Forbidden', `This token has no access to workspace ${String(workspaceId)}`)
    }
  }
}
