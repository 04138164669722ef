import * as bp from '.botpress'
import { asAction } from './actions/action-failure'
import { ClientPool } from './botpress/client-pool'
import { CALL_BUDGETS_MS, withinBudget } from './botpress/call-deadline'
import { ConversationOwners } from './inbound/read/conversation-owners'
import { FeedWatch } from './inbound/read/feed-watch'
import { KnownConversations } from './inbound/read/known-conversations'
import { StepByStepBots } from './botpress/step-by-step-fallback'
import { handleWebhook } from './inbound/webhook'
import type { DeliverOnce } from './inbound/write/redeliver'

// These live as long as the process and only save sockets, refused calls and lookups: one deployment serves
// many bots, kept apart by their keys, and every request is as correct on a fresh instance.
const clients = new ClientPool()
const stepByStep = new StepByStepBots()
const reads = {
  owners: new ConversationOwners(),
  conversations: new KnownConversations(),
  watch: new FeedWatch((tenant) => clients.ownClientFor(tenant)),
}

type Logger = { forBot: () => { warn: (message: string) => void; error: (message: string) => void } }
/** How an action writes: as the integration itself, like the SDK's own client, but with today's API. */
const ownWriter = (ctx: { botId: string; integrationId: string }, logger: Logger) => ({
  client: clients.ownClientFor(ctx),
  tenant: ctx,
  stepByStep,
  log: (message: string) => logger.forBot().warn(message),
})

// A fresh instance loads only what answers the webhook. Delivery, the connection check and the actions load
// when first used (each `import()` is a closure in the bundle that runs once): a cold start does not wait for them.
type SendProps = Omit<Parameters<typeof import('./outbound/send-message').sendMessage>[0], 'tagMessage' | 'logError'>
type ChannelProps = SendProps & { logger: Logger }
/** The channel's one handler: the feed's tag goes through a client that retries it, within a few seconds. */
const sendMessage = async ({ logger, ...props }: ChannelProps) =>
  (await import('./outbound/send-message')).sendMessage({
    ...props,
    tagMessage: (tags) =>
      withinBudget(CALL_BUDGETS_MS.feedTag, () =>
        clients.taggingClientFor(props.ctx).updateMessage({ id: props.message.id, tags })
      ),
    logError: (message) => logger.forBot().error(message),
  })

/** A redelivery's one attempt, for the webhook, which never imports outbound/. */
const deliverOnce: DeliverOnce = async (...args) => (await import('./outbound/deliver')).redeliverOnce(...args)

export default new bp.Integration({
  register: async (props) => (await import('./register')).register(props),
  unregister: async () => {},
  handler: ({ req, ctx, logger }) =>
    handleWebhook({ req, ctx, logger: logger.forBot(), clients, stepByStep, reads, deliverOnce }),
  // Each action's Botpress calls end within a budget: with sendEvent's delivery, well inside Botpress's 60 s.
  actions: {
    sendEvent: ({ input, ctx }) =>
      withinBudget(CALL_BUDGETS_MS.beforeDelivery, async () => {
        const { sendEvent } = await import('./actions/send-event')
        return sendEvent({ input, ctx, client: clients.ownClientFor(ctx) })
      }),
    startConversation: ({ input, ctx, logger }) =>
      withinBudget(CALL_BUDGETS_MS.action, () =>
        asAction('startConversation', async () => {
          const { startConversation } = await import('./actions/start-conversation')
          return startConversation({ input, writer: ownWriter(ctx, logger) })
        })
      ),
    getOrCreateUser: ({ input, ctx }) =>
      withinBudget(CALL_BUDGETS_MS.action, () =>
        asAction('getOrCreateUser', async () => {
          const { getOrCreateUser } = await import('./actions/get-or-create-user')
          return getOrCreateUser({ input, client: clients.ownClientFor(ctx) })
        })
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
