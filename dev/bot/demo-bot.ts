import { Client } from '@botpress/client'
import { Bot } from '@botpress/sdk'
import { isEmittedEvent, isFailure, isPause, isReminder, isStart, repliesTo, replyToEvent, type Reply } from './replies'

type BotClient = Parameters<Parameters<Bot['message']>[0]>[0]['client']

const send = (client: BotClient, botId: string, conversationId: string, reply: Reply) =>
  client.createMessage({
    conversationId,
    userId: botId,
    tags: {},
    type: reply.type,
    payload: reply.payload,
  } as Parameters<BotClient['createMessage']>[0])

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A real SDK bot, run by the local cloud exactly as Botpress runs bots: it receives `event_received`
 * and answers through the runtime API at `BP_API_URL`, one message after the other.
 */
export const createDemoBot = () => {
  const bot = new Bot({})
  bot.message(async ({ message, client, ctx }) => {
    for (const action of repliesTo(message as unknown as Reply)) {
      if (isEmittedEvent(action)) {
        const input = { botpressConversationId: message.conversationId, ...action.emit }
        await client.callAction({ type: 'messaging-api:sendEvent', input })
      } else if (isStart(action)) {
        // The back-end's id of the user, as intake tagged it (a bot sees it prefixed on Botpress Cloud).
        const { user } = await client.getUser({ id: message.userId })
        const userId = user.tags.id ?? user.tags['messaging-api:id'] ?? message.userId
        const input = { userId, conversationId: action.start.conversationId }
        const { output } = await client.callAction({ type: 'messaging-api:startConversation', input })
        const started = (output as { botpressConversationId: string }).botpressConversationId
        await send(client, ctx.botId, started, { type: 'text', payload: { text: action.start.text } })
      } else if (isFailure(action)) {
        // Thrown like any bug in a handler: Botpress then marks the message's event `failed` with this reason.
        throw new Error(action.fail)
      } else if (isPause(action)) {
        await sleep(action.pauseMs)
      } else if (isReminder(action)) {
        // The SDK's bot client types only the bot's own events: today's client schedules any event.
        await new Client({ botId: ctx.botId }).createEvent({
          type: 'reminder',
          payload: {},
          conversationId: message.conversationId,
          schedule: { delay: action.remind.inMs },
        })
      } else {
        if (action.delayMs) await sleep(action.delayMs)
        await send(client, ctx.botId, message.conversationId, action)
      }
    }
  })
  // The back-end's custom events (POST {webhook URL}/events) arrive as `messaging-api:custom`.
  bot.event(async ({ event, client, ctx }) => {
    if (event.type !== 'messaging-api:custom' || !event.conversationId) return
    const { name, payload } = event.payload as { name: string; payload: Record<string, unknown> }
    await send(client, ctx.botId, event.conversationId, replyToEvent(name, payload))
  })
  return bot
}
