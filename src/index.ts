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
import type { ActionDeps } from './actions/action-deps'
import type { Configuration } from './config'
import type { Tenant } from './message-signal'

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
type ActionProps = { input: unknown; ctx: Tenant & { configuration: Configuration }; logger: Logger }

/**
 * One of the bot's actions, loaded when first called (a cold start does not wait for it), given what every
 * action is given: the integration's own client, like the SDK's but with today's API. Its Botpress calls end
 * within `budgetMs`, and any failure reaches the bot naming the action.
 */
const lazyAction =
  <Output>(name: string, budgetMs: number, load: () => Promise<(deps: ActionDeps) => Promise<Output>>) =>
  ({ input, ctx, logger }: ActionProps) =>
    withinBudget(budgetMs, () =>
      asAction(name, async () => {
        const client = clients.ownClientFor(ctx)
        const writer = { client, tenant: ctx, stepByStep, log: (message: string) => logger.forBot().warn(message) }
        return (await load())({ input, ctx, client, writer })
      })
    )

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
  // With sendEvent's delivery after its lookup, each action ends well inside Botpress's 60 s.
  actions: {
    sendEvent: lazyAction(
      'sendEvent',
      CALL_BUDGETS_MS.beforeDelivery,
      async () => (await import('./actions/send-event')).sendEvent
    ),
    startConversation: lazyAction(
      'startConversation',
      CALL_BUDGETS_MS.action,
      async () => (await import('./actions/start-conversation')).startConversation
    ),
    getOrCreateUser: lazyAction(
      'getOrCreateUser',
      CALL_BUDGETS_MS.action,
      async () => (await import('./actions/get-or-create-user')).getOrCreateUser
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
