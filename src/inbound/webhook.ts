import type { Client } from '@botpress/client'
import type { Request, Response } from '@botpress/sdk'
import type { Configuration } from '../config'
import { errorResponse, HttpError, reasonOf } from '../errors'
import type { Tenant } from '../message-signal'
import { CALL_BUDGETS_MS, withinBudget } from '../botpress/call-deadline'
import type { ClientPool } from '../botpress/client-pool'
import type { Writer } from '../botpress/parties'
import type { StepByStepBots } from '../botpress/step-by-step-fallback'
import { answerMessage } from './answer-message'
import type { ReadShared } from './read/read-request'
import { readBearerToken } from './request/authorization'
import { openApiDocument, type DocumentFile } from './request/openapi-document'
import { resolveRoute, type Route } from './request/route'
import { isInboundSecret } from './request/shared-secret'
import type { DeliverOnce } from './write/redeliver'

type WebhookContext = Tenant & { configuration: Configuration }
type Logger = { error: (message: string) => void; warn: (message: string) => void }

/**
 * The client that reads and writes for the caller. With a personal access token, Botpress checks the token
 * itself: every call is made with a client built from it. With the bot owner's shared secret, the
 * integration's own client. Both are @botpress/client 1.45 (the SDK's older client would drop `afterDate`).
 */
const callerClient = (token: string, { ctx, clients }: WebhookProps) =>
  isInboundSecret(token, ctx.configuration.inboundSecret) ? clients.ownClientFor(ctx) : clients.clientFor(token, ctx)

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

/** What every operation is given; each takes what it needs. */
type OperationDeps = Pick<WebhookProps, 'req' | 'ctx' | 'reads' | 'deliverOnce'> & { caller: Client; writer: Writer }
type Operation = (deps: OperationDeps) => Promise<Response>

/**
 * Each route's operation, loaded when first asked for; the message's is loaded with the webhook, since a fresh
 * instance answers a message first. Every operation has the same shape: `answerX(deps)`.
 */
const OPERATIONS: Record<Exclude<Route, DocumentFile>, () => Promise<Operation>> = {
  message: async () => answerMessage,
  event: async () => (await import('./write/event-intake')).answerEvent,
  file: async () => (await import('./write/file-intake')).answerFile,
  redeliver: async () => (await import('./write/redeliver')).answerRedeliver,
  read: async () => (await import('./read/read-request')).answerRead,
  deliveries: async () => (await import('./read/read-request')).answerFailedDeliveries,
}

const answerWebhook = async (props: WebhookProps): Promise<Response> => {
  const { req, logger } = props
  try {
    const route = resolveRoute(req)
    if (route === 'openapi.yaml' || route === 'openapi.json') {
      return await openApiDocument(route) // public, like any API's description: no token
    }
    const caller = callerClient(readBearerToken(req.headers), props)
    const writer: Writer = {
      client: caller,
      tenant: props.ctx,
      stepByStep: props.stepByStep,
      log: (message) => logger.warn(message),
    }
    const operation = await OPERATIONS[route]()
    return await operation({ ...props, caller, writer })
  } catch (thrown) {
    if (thrown instanceof HttpError) {
      return errorResponse(thrown)
    }
    logger.error(`Unexpected error in the webhook: ${reasonOf(thrown)}`)
    return errorResponse(new HttpError(500, 'internal_error', 'The integration failed unexpectedly. Retry later.'))
  }
}
