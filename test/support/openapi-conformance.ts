import type { WebhookExchange } from '../../dev/cloud/local-cloud'
import { OpenApiDocument, type Delivery } from './openapi-document'

/** Where a webhook URL ends and the path under it begins: `/webhooks/<id>`. */
const WEBHOOK_PREFIX = /^\/webhooks\/[^/]+/

/** The path under the webhook URL: empty for the URL itself. */
const pathUnderWebhook = (url: string): string => new URL(url).pathname.replace(WEBHOOK_PREFIX, '')

/**
 * Every answer of a webhook URL and every delivery the suites saw, judged by openapi.yaml in this process,
 * and what broke it. The suites fail the test during which a problem was recorded (test/support/openapi-check.ts).
 */
class OpenApiConformance {
  public readonly checked = { answers: 0, deliveries: 0 }
  private document?: Promise<OpenApiDocument>
  private found: string[] = []
  private pending: Promise<void>[] = []

  public answer({ request, response }: WebhookExchange): void {
    this.judge('answers', (document) =>
      document.checkAnswer({
        method: request.method,
        path: pathUnderWebhook(request.url),
        status: response.status,
        headers: response.headers,
        body: response.body,
      })
    )
  }

  public delivery(delivery: Delivery): void {
    this.judge('deliveries', (document) => document.checkDelivery(delivery))
  }

  /** The problems recorded since the last call, once every judgement under way is done; removed from the log. */
  public async take(): Promise<string[]> {
    await Promise.all(this.pending.splice(0))
    return this.found.splice(0)
  }

  private judge(kind: keyof OpenApiConformance['checked'], check: (document: OpenApiDocument) => string[]): void {
    this.document ??= OpenApiDocument.load()
    const judged = this.document.then(check).then(
      (problems) => {
        this.checked[kind] += 1
        this.found.push(...problems)
      },
      (error: unknown) => void this.found.push(`openapi.yaml could not judge: ${String(error)}`)
    )
    this.pending.push(judged)
  }
}

export const openApiConformance = new OpenApiConformance()
