/** One bot's installation of the integration, as the cloud knows it. */
export type Installation = {
  botId: string
  botUserId: string
  integrationId: string
  webhookId: string
  configuration: Record<string, unknown>
}

export type OperationAnswer = { status: number; headers: Record<string, string>; body: string }

/** One call the cloud is about to make to the integration, for a picker that routes calls to instances. */
export type IntegrationCall = { install: Installation; operation: string; body: unknown }

/** Where the integration listens, or a function that picks an instance for each call. */
export type IntegrationUrl = string | ((call: IntegrationCall) => string)

/** The request a caller sent to the public webhook URL, as Botpress forwards it. */
export type ForwardedRequest = {
  method: string
  path: string
  query: string
  headers: Record<string, string>
  body: string
}

/**
 * Calls the integration's HTTP server exactly as Botpress Cloud does: one POST per operation,
 * the context in `x-bot-id`, `x-bp-operation`, `x-bp-configuration` (base64 JSON) and friends.
 */
export class IntegrationDriver {
  /**
   * `integrationUrl` may pick an instance per call: Botpress Cloud runs many instances of an integration,
   * and a call lands on any of them (the benchmark and the fresh-instance tests use this). The picker is
   * called synchronously, before the request is sent, with the call it routes.
   */
  public constructor(private readonly integrationUrl: IntegrationUrl) {}

  public async call(
    install: Installation,
    operation: string,
    body: unknown,
    type = operation
  ): Promise<OperationAnswer> {
    const url =
      typeof this.integrationUrl === 'string' ? this.integrationUrl : this.integrationUrl({ install, operation, body })
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bot-id': install.botId,
        'x-bot-user-id': install.botUserId,
        'x-integration-id': install.integrationId,
        'x-webhook-id': install.webhookId,
        'x-bp-configuration': Buffer.from(JSON.stringify(install.configuration)).toString('base64'),
        'x-bp-operation': operation,
        'x-bp-type': type,
      },
      body: JSON.stringify(body),
    })
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
  }

  public register(install: Installation, webhookUrl: string) {
    return this.call(install, 'register', { webhookUrl })
  }

  public unregister(install: Installation, webhookUrl: string) {
    return this.call(install, 'unregister', { webhookUrl })
  }

  public webhookReceived(install: Installation, req: ForwardedRequest) {
    return this.call(install, 'webhook_received', { req })
  }

  public messageCreated(install: Installation, body: { conversation: unknown; user: unknown; message: unknown }) {
    const { type, payload } = body.message as { type: string; payload: unknown }
    return this.call(install, 'message_created', { ...body, type, payload }, type)
  }

  public actionTriggered(install: Installation, type: string, input: unknown) {
    return this.call(install, 'action_triggered', { type, input }, type)
  }
}

/** The message of a RuntimeError the integration answered with, or the raw body. */
export const integrationErrorMessage = (answer: OperationAnswer): string => {
  try {
    const parsed = JSON.parse(answer.body) as { message?: string; error?: string }
    return parsed.message ?? parsed.error ?? answer.body
  } catch {
    return answer.body || `HTTP ${answer.status}`
  }
}
