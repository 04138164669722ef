import type { listenForBotMessages, Tenant } from '../message-signal'
import { countCalls } from '../botpress/call-count'
import { WAIT_RULES } from './request/prefer-wait'
import { collectReplies, type WaitAids } from './wait/collect-replies'
import { lookBeforeWriting, lookForTurn } from './wait/look'
import { listenForReplies } from './wait/reply-signals'
import { intakeMessage } from './write/intake'
import type { InboundMessage } from './write/parse-message'
import type { Writer } from '../botpress/parties'

/**
 * A message sent with `Prefer: wait`: a look at what the bot is busy with (to tell its replies from others'),
 * the write, then the wait for the bot's replies. Every Botpress call of it counts against one bound
 * (WAIT_RULES.maxCalls, `botpress/call-count.ts`); replies the bot sends on this instance wake the wait.
 */
export const sendWaitedMessage = async (
  writer: Writer,
  input: InboundMessage,
  waitSeconds: number,
  { tenant, listen }: { tenant: Tenant; listen?: typeof listenForBotMessages }
) => {
  const { client, counter } = countCalls(writer.client, WAIT_RULES.maxCalls)
  const replies = listenForReplies(tenant, listen)
  try {
    const fresh = await lookBeforeWriting(client, input.conversationId)
    const { user, conversation, message, duplicate } = await intakeMessage({ ...writer, client }, input, fresh)
    replies.written(conversation.id, Date.parse(message.createdAt))
    const turn = { incoming: message, conversation, resent: duplicate, look: lookForTurn(fresh, message, duplicate) }
    const aids: WaitAids = { counter, bell: replies.bell, signalled: replies.signalled }
    const waited = await collectReplies(client, turn, waitSeconds, aids)
    return { message, user, conversation, duplicate, ...waited }
  } finally {
    replies.bell.close()
  }
}
