import type { Request, Response } from '@botpress/sdk'
import { errorResponse, HttpError, jsonResponse } from '../errors'
import type { IdCache } from '../id-cache'
import { readBearerToken } from './authorization'
import type { ClientPool } from './client-pool'
import { collectReplies } from './collect-replies'
import { intakeEvent } from './event-intake'
import { intakeMessage } from './intake'
import { parseInboundEvent } from './parse-event'
import type { BotpressWriter } from './parties'
import { parseInboundMessage } from './parse-message'
import { parseReadQuery } from './parse-read-query'
import { preferredWaitSeconds } from './prefer-wait'
import { readJsonBody } from './read-body'
import { readMessages } from './read-messages'
import { readerFor } from './reader'
import { resolveRoute } from './route'
import { isInboundSecret } from './shared-secret'

type WebhookContext = { botId: string; integrationId: string; configuration: { inboundSecret?: string } }
type Logger = { error: (message: string) => void }

/**
 * The client that writes for the caller. With a personal access token, Botpress checks the token itself:
 * every call is made with a client built from it. With the bot owner's shared secret, the integration's own.
 */
const writerFor = (token: string, { ctx, ownClient, clients }: WebhookProps): BotpressWriter =>
  isInboundSecret(token, ctx.configuration.inboundSecret) ? ownClient : clients.clientFor(token, ctx)

export type WebhookProps = {
  req: Request
  ctx: WebhookContext
  /** The integration's own client, used when the caller sent the inbound shared secret. */
  ownClient: BotpressWriter
  logger: Logger
  cache: IdCache
  clients: ClientPool
}

/** The public webhook: route, authenticate, parse, write to Botpress (or read), answer (with the replies, if asked to wait). */
export const handleWebhook = async (props: WebhookProps): Promise<Response> => {
  const { req, ctx, logger, cache } = props
  try {
    const route = resolveRoute(req)
    const token = readBearerToken(req.headers)
    if (route === 'read') {
      const query = parseReadQuery(req.query)
      return jsonResponse(200, await readMessages(readerFor(token, props), query))
    }
    const body = readJsonBody(req)
    const writer = writerFor(token, props)
    if (route === 'event') {
      const { event, duplicate, user, conversation } = await intakeEvent(writer, parseInboundEvent(body), cache, ctx)
      return jsonResponse(200, { event, user, conversation, duplicate })
    }
    const { user, conversation, message } = await intakeMessage(writer, parseInboundMessage(body), cache, ctx)
    const wait = preferredWaitSeconds(req.headers['prefer'])
    if (wait === undefined) {
      return jsonResponse(200, { message, user, conversation })
    }
    const { replies, complete } = await collectReplies(writer, { incoming: message, conversation }, wait)
    return jsonResponse(
      200,
      { message, user, conversation, replies, complete },
      { 'preference-applied': `wait=${wait}` }
    )
  } catch (thrown) {
    if (thrown instanceof HttpError) {
      return errorResponse(thrown)
    }
    logger.error(`Unexpected error in the webhook: ${thrown instanceof Error ? thrown.message : String(thrown)}`)
    return errorResponse(new HttpError(500, 'internal_error', 'The integration failed unexpectedly. Retry later.'))
  }
}
