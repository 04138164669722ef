import { Bot } from '@botpress/sdk'
import { repliesTo, type Reply } from './replies'

/**
 * A real SDK bot, run by the local cloud exactly as Botpress runs bots: it receives `event_received`
 * and answers through the runtime API at `BP_API_URL`, one message after the other.
 */
export const createDemoBot = () => {
  const bot = new Bot({})
  bot.message(async ({ message, client, ctx }) => {
    for (const reply of repliesTo(message as unknown as Reply)) {
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
      await client.createMessage({
        conversationId: message.conversationId,
        userId: ctx.botId,
        tags: {},
        type: reply.type,
        payload: reply.payload,
      } as Parameters<typeof client.createMessage>[0])
    }
  })
  return bot
}
