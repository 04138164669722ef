import type { AddressInfo } from 'node:net'
import integration from '../../src'
import { ALLOW_PRIVATE_ENDPOINTS } from '../../src/outbound/address-filter'
import { close, closeGracefully, startOnLoopback } from '../../dev/http/listen'
import { createDemoBot } from '../../dev/bot/demo-bot'
import { LocalCloud } from '../../dev/cloud/local-cloud'
import type { Installation } from '../../dev/cloud/integration-driver'
import { Inbox } from '../../dev/inbox/inbox'
import { openApiConformance } from './openapi-conformance'

export const PAT = 'bp_pat_test_token'
export const RUNTIME_TOKEN = 'runtime_token_test'
/** A stranger's token: Botpress knows it, but it is not allowed on the stack's bots. */
export const STRANGER_PAT = 'bp_pat_of_a_stranger'

/**
 * The real integration server (the SDK's `start`), the local cloud in front of it as `BP_API_URL`,
 * and an inbox that records deliveries. Every answer of the webhook URL and every delivery is judged by openapi.yaml.
 */
export const startStack = async ({
  withBot = false,
  withEndpoint = true,
  integrationUrl: route,
  delivery = {},
}: {
  withBot?: boolean
  /** Whether the bot is installed with the inbox as its Response Endpoint URL, or with none. */
  withEndpoint?: boolean
  /** Picks the integration instance per call, given the one server this stack starts (used by default). */
  integrationUrl?: (ownUrl: string) => string
  /** More delivery settings of the bot's configuration (a Signing Secret, …), with the endpoint. */
  delivery?: Record<string, unknown>
} = {}) => {
  // The integration runs in this process and the inbox is on 127.0.0.1: allow private endpoints here.
  process.env[ALLOW_PRIVATE_ENDPOINTS] = 'true'
  /** What the cloud met while handing work to the integration or the bot (a delivery that failed, …). */
  const problems: string[] = []
  const server = await startOnLoopback(integration, 0)
  const integrationUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const cloud = new LocalCloud({
    integrationUrl: route ? () => route(integrationUrl) : integrationUrl,
    runtimeToken: RUNTIME_TOKEN,
    personalAccessTokens: [PAT],
    foreignTokens: [STRANGER_PAT],
    onProblem: (problem) => problems.push(problem),
    onExchange: (exchange) => openApiConformance.answer(exchange),
  })
  process.env.BP_API_URL = await cloud.start()
  process.env.BP_TOKEN = RUNTIME_TOKEN
  const inbox = new Inbox((entry) => openApiConformance.delivery(entry))
  const inboxUrl = await inbox.start()
  const bot = withBot ? await startOnLoopback(createDemoBot(), 0) : undefined
  const botUrl = bot && `http://127.0.0.1:${(bot.address() as AddressInfo).port}`
  const configuration = withEndpoint ? { responseEndpointURL: inboxUrl, ...delivery } : {}
  const installation = await cloud.install({ configuration, botUrl })

  /** POSTs to the public webhook URL of `install` (the default bot unless given). */
  const post = async (
    body: unknown,
    init: { headers?: Record<string, string>; path?: string; method?: string; install?: Installation } = {}
  ) => {
    const response = await fetch(`${cloud.webhookUrl(init.install ?? installation)}${init.path ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${PAT}`, ...init.headers },
      body: init.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined }
  }

  /** A conversation made through the webhook, so it carries the caller's `id` tag as in production. */
  const conversationFor = async (conversationId: string) => {
    const { json } = await post(textMessage({ userId: 'u-out', conversationId }))
    return cloud.store(installation.botId).getConversation(json.conversation.id)
  }

  /**
   * What the cloud does when the bot sends a message: store it, then call `message_created`,
   * here with the bot's configuration replaced by `configuration` when given.
   */
  const sendAsBot = async (options: {
    conversationId: string
    type?: string
    payload?: Record<string, unknown>
    configuration?: Record<string, unknown>
  }) => {
    const conversation = await conversationFor(options.conversationId)
    const message = cloud.store(installation.botId).createMessage({
      type: options.type ?? 'text',
      payload: options.payload ?? { text: 'a reply' },
      userId: installation.botId,
      conversationId: conversation.id,
      tags: {},
      direction: 'outgoing',
    })
    const install = { ...installation, configuration: options.configuration ?? installation.configuration }
    const startedAt = Date.now()
    const answer = await cloud.driver.messageCreated(install, {
      conversation,
      user: { id: installation.botId },
      message,
    })
    return { answer, message, conversation, elapsedMs: Date.now() - startedAt }
  }

  return {
    cloud,
    problems,
    sendAsBot,
    conversationFor,
    integrationUrl,
    inbox,
    inboxUrl,
    installation,
    botUrl,
    post,
    store: () => cloud.store(installation.botId),
    close: async () => {
      // The demo bot may still be answering (a "delay" reply): let it finish while the cloud is up.
      if (bot) await closeGracefully(bot, 5_000)
      await Promise.all([cloud.stop(), inbox.stop(), close(server)])
    },
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>

export const textMessage = (overrides: Record<string, unknown> = {}) => ({
  userId: 'user-1',
  messageId: `msg-${Math.random().toString(36).slice(2)}`,
  conversationId: 'conv-1',
  type: 'text',
  text: 'Hello bot',
  ...overrides,
})
