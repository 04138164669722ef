import type { Request, Response } from '@botpress/sdk'
import type { Configuration } from '../config'
import { errorResponse, HttpError, jsonResponse, reasonOf } from '../errors'
import { readBearerToken } from './request/authorization'
import { CALL_BUDGETS_MS, withinBudget } from '../botpress/call-deadline'
import type { ClientPool } from '../botpress/client-pool'
import type { ReadShared } from './read/read-request'
import { intakeMessage } from './write/intake'
import { openApiDocument } from './request/openapi-document'
import { parseInboundEvent } from './write/parse-event'
import type { Writer } from '../botpress/parties'
import { parseInboundMessage } from './write/parse-message'
import type { DeliverOnce } from './write/redeliver'
import { preferredWaitSeconds } from './request/prefer-wait'
import { readJsonBody } from './request/read-body'
import { resolveRoute } from './request/route'
import { isInboundSecret } from './request/shared-secret'
import type { StepByStepBots } from '../botpress/step-by-step-fallback'

type WebhookContext = { botId: string; integrationId: string; configuration: Configuration }
type Logger = { error: (message: string) => void; warn: (message: string) => void }

/**
 * The client that reads and writes for the caller. With a personal access token, Botpress checks the token
 * itself: every call is made with a client built from it. With the bot owner's shared secret, the
 * integration's own client. Both are @botpress/client 1.45 (the SDK's older client would drop `afterDate`).
 */
const callerClient = (token: string, { ctx, clients }: WebhookProps) =>
  isInboundSecret(token, ctx.configuration.inboundSecret) ? clients.ownClientFor(ctx) : clients.clientFor(token, ctx)

const writerFor = (token: string, props: WebhookProps): Writer => ({
  client: callerClient(token, props),
  tenant: props.ctx,
  stepByStep: props.stepByStep,
  log: (message) => props.logger.warn(message),
})

export type WebhookProps = {
  req: Request
  ctx: WebhookContext
  logger: Logger
  clients: ClientPool
  stepByStep: StepByStepBots
  reads: ReadShared
  /** One delivery attempt, for `/deliveries/redeliver`: outbound's, handed in by index.ts. */
  deliverOnce: DeliverOnce
}

/**
 * The public webhook: route, authenticate, parse, write to Botpress (or read), answer (with the replies, if
 * asked to wait); its OpenAPI document needs no token. Its Botpress calls end within the webhook's budget, well inside Botpress's 60 s.
 * A fresh instance loads the message's path only: events, reads, waits and the document load when first asked for.
 */
export const handleWebhook = (props: WebhookProps): Promise<Response> =>
  withinBudget(CALL_BUDGETS_MS.webhook, () => answerWebhook(props))

const answerWebhook = async (props: WebhookProps): Promise<Response> => {
  const { req, logger } = props
  try {
    const route = resolveRoute(req)
    if (route === 'openapi.yaml' || route === 'openapi.json') {
      return await openApiDocument(route) // public, like any API's description: no token
    }
    const token = readBearerToken(req.headers)
    if (route === 'deliveries') {
      const { answerFailedDeliveries } = await import('./read/read-request')
      return await answerFailedDeliveries(req, callerClient(token, props))
    }
    if (route === 'read') {
      const { answerRead } = await import('./read/read-request')
      return await answerRead(req, { ...props.reads, client: callerClient(token, props), tenant: props.ctx })
    }
    const body = readJsonBody(req)
    if (route === 'redeliver') {
      const { parseRedeliverRequest, redeliver } = await import('./write/redeliver')
      const ids = parseRedeliverRequest(body)
      const results = await redeliver(callerClient(token, props), ids, props.ctx.configuration, props.deliverOnce)
      return jsonResponse(200, { results })
    }
    const writer = writerFor(token, props)
    if (route === 'event') {
      const input = parseInboundEvent(body)
      const { intakeEvent } = await import('./write/event-intake')
      const { event, duplicate, user, conversation } = await intakeEvent(writer, input)
      return jsonResponse(200, { event, user, conversation, duplicate })
    }
    if (route === 'file') {
      const { parseFileRequest, requestUpload } = await import('./write/file-intake')
      const upload = await requestUpload(writer.client, parseFileRequest(body))
      return jsonResponse(201, upload)
    }
    const input = parseInboundMessage(body)
    const wait = preferredWaitSeconds(req.headers['prefer'])
    if (wait === undefined) {
      const { user, conversation, message, duplicate } = await intakeMessage(writer, input)
      return jsonResponse(200, { message, user, conversation, duplicate })
    }
    const { sendWaitedMessage } = await import('./waited-message')
    const answer = await sendWaitedMessage(writer, input, wait, { tenant: props.ctx })
    return jsonResponse(200, answer, { 'preference-applied': `wait=${wait}` })
  } catch (thrown) {
    if (thrown instanceof HttpError) {
      return errorResponse(thrown)
    }
    logger.error(`Unexpected error in the webhook: ${reasonOf(thrown)}`)
    return errorResponse(new HttpError(500, 'internal_error', 'The integration failed unexpectedly. Retry later.'))
  }
}
