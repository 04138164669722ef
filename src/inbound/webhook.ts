import { Client } from '@botpress/client'
import type { Request, Response } from '@botpress/sdk'
import { errorResponse, HttpError, jsonResponse } from '../errors'
import type { IdCache } from '../id-cache'
import { readBearerToken } from './authorization'
import { intakeMessage, type BotpressWriter } from './intake'
import { parseInboundMessage } from './parse-message'
import { readJsonBody } from './read-body'
import { resolveRoute } from './route'
import { isInboundSecret } from './shared-secret'

type WebhookContext = { botId: string; integrationId: string; configuration: { inboundSecret?: string } }
type Logger = { error: (message: string) => void }

/** Timeout of one Botpress API call made on the caller's behalf. */
const API_TIMEOUT_MS = 20_000

/**
 * The client that writes for the caller. With a personal access token, Botpress checks the token itself:
 * every call is made with a client built from it. With the bot owner's shared secret, the integration's own.
 */
const writerFor = (token: string, ctx: WebhookContext, ownClient: BotpressWriter): BotpressWriter =>
  isInboundSecret(token, ctx.configuration.inboundSecret)
    ? ownClient
    : new Client({ token, botId: ctx.botId, integrationId: ctx.integrationId, timeout: API_TIMEOUT_MS })

export type WebhookProps = {
  req: Request
  ctx: WebhookContext
  /** The integration's own client, used when the caller sent the inbound shared secret. */
  ownClient: BotpressWriter
  logger: Logger
  cache: IdCache
}

/** The public webhook: authenticate, parse, write to Botpress, answer. */
export const handleWebhook = async ({ req, ctx, ownClient, logger, cache }: WebhookProps): Promise<Response> => {
  try {
    resolveRoute(req)
    const token = readBearerToken(req.headers)
    const input = parseInboundMessage(readJsonBody(req))
    const { user, conversation, message } = await intakeMessage(writerFor(token, ctx, ownClient), input, cache, ctx)
    return jsonResponse(200, { message, user, conversation })
  } catch (thrown) {
    if (thrown instanceof HttpError) {
      return errorResponse(thrown)
    }
    logger.error(`Unexpected error in the webhook: ${thrown instanceof Error ? thrown.message : String(thrown)}`)
    return errorResponse(new HttpError(500, 'internal_error', 'The integration failed unexpectedly. Retry later.'))
  }
}
