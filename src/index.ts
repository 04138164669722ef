import * as bp from '.botpress'
import { asAction } from './actions/action-failure'
import { getOrCreateUser } from './actions/get-or-create-user'
import { sendEvent } from './actions/send-event'
import { startConversation } from './actions/start-conversation'
import { ClientPool } from './inbound/botpress/client-pool'
import { CALL_BUDGETS_MS, withinBudget } from './inbound/botpress/call-deadline'
import { ConversationOwners } from './inbound/read/conversation-owners'
import { StepByStepBots } from './inbound/write/step-by-step-fallback'
import { handleWebhook } from './inbound/webhook'
import { sendMessage } from './outbound/send-message'
import { register } from './register'

// These live as long as the process and only save sockets, refused calls and lookups: one deployment serves
// many bots, kept apart by their keys, and every request is as correct on a fresh instance.
const clients = new ClientPool()
const stepByStep = new StepByStepBots()
const owners = new ConversationOwners()

type Logger = { forBot: () => { warn: (message: string) => void } }
/** How an action writes: as the integration itself, like the SDK's own client, but with today's API. */
const ownWriter = (ctx: { botId: string; integrationId: string }, logger: Logger) => ({
  client: clients.ownClientFor(ctx),
  tenant: ctx,
  stepByStep,
  log: (message: string) => logger.forBot().warn(message),
})

export default new bp.Integration({
  register,
  unregister: async () => {},
  handler: ({ req, ctx, logger }) => handleWebhook({ req, ctx, logger: logger.forBot(), clients, stepByStep, owners }),
  // Each action's Botpress calls end within a budget: with sendEvent's delivery, well inside Botpress's 60 s.
  actions: {
    sendEvent: ({ input, ctx }) =>
      withinBudget(CALL_BUDGETS_MS.beforeDelivery, () => sendEvent({ input, ctx, client: clients.ownClientFor(ctx) })),
    startConversation: ({ input, ctx, logger }) =>
      withinBudget(CALL_BUDGETS_MS.action, () =>
        asAction('startConversation', () => startConversation({ input, writer: ownWriter(ctx, logger) }))
      ),
    getOrCreateUser: ({ input, ctx }) =>
      withinBudget(CALL_BUDGETS_MS.action, () =>
        asAction('getOrCreateUser', () => getOrCreateUser({ input, client: clients.ownClientFor(ctx) }))
      ),
  },
  channels: {
    channel: {
      messages: {
        text: sendMessage,
        markdown: sendMessage,
        image: sendMessage,
        audio: sendMessage,
        video: sendMessage,
        file: sendMessage,
        location: sendMessage,
        carousel: sendMessage,
        card: sendMessage,
        dropdown: sendMessage,
        choice: sendMessage,
        bloc: sendMessage,
      },
    },
  },
})
