import type { Request } from '@botpress/sdk'
import type { Writer } from '../botpress/parties'
import { jsonResponse } from '../errors'
import type { Tenant } from '../message-signal'
import { preferredWaitSeconds } from './request/prefer-wait'
import { readJsonBody } from './request/read-body'
import { intakeMessage } from './write/intake'
import { parseInboundMessage } from './write/parse-message'

/**
 * `POST {webhook URL}`: one user message, written in one call, answered once it is in Botpress. With
 * `Prefer: wait`, the wait for the bot's replies (loaded when first asked for: a fresh instance answers a
 * message without it).
 */
export const answerMessage = async ({ req, writer, ctx }: { req: Request; writer: Writer; ctx: Tenant }) => {
  const input = parseInboundMessage(readJsonBody(req))
  const wait = preferredWaitSeconds(req.headers['prefer'])
  if (wait === undefined) {
    const { user, conversation, message, duplicate } = await intakeMessage(writer, input)
    return jsonResponse(200, { message, user, conversation, duplicate })
  }
  const { sendWaitedMessage } = await import('./waited-message')
  const answer = await sendWaitedMessage(writer, input, wait, { tenant: ctx })
  return jsonResponse(200, answer, { 'preference-applied': `wait=${wait}` })
}
