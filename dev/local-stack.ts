import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'
import { LocalCloud, type WebhookExchange } from './cloud/local-cloud'
import { Inbox, type InboxEntry } from './inbox/inbox'
import { claimPort, startServerProcess } from './child-process'
import { createPlayground, PLAYGROUND_PATH } from './playground/playground'

export const LOCAL_PAT = 'local-personal-access-token'
const RUNTIME_TOKEN = 'local-runtime-token'
const WEBHOOK_ID = 'demo'
/** The webhook URL `npm start` prints, known before it starts: a receiver must be up before the stack checks it. */
export const localWebhookUrl = (cloudPort: number) => `http://127.0.0.1:${cloudPort}/webhooks/${WEBHOOK_ID}`
/** Fixed too, and shaped like a Botpress id (prefix and 24 characters). */
const DEMO_BOT_ID = 'bot_demo_local_messaging_api'
/** Fixed, like the token, so a receiver of yours set up with it keeps verifying after a restart. */
export const LOCAL_SIGNING_SECRET = `whsec_${Buffer.from('messaging-api-local-signing-key!').toString('base64')}`

export type LocalStackOptions = {
  cloudPort: number
  integrationPort: number
  inboxPort: number
  /** Send the bot's replies here instead of the built-in inbox. */
  responseEndpointURL?: string
  /** Install the bot without a Response Endpoint URL and start no inbox: the back-end reads the feed instead. */
  noEndpoint?: boolean
  onDelivery?: (entry: InboxEntry) => void
  /** Sees every request to the webhook URL with its answer (the playground's log sees them too). */
  onExchange?: (exchange: WebhookExchange) => void
  log?: (line: string) => void
  /**
   * Run a second instance of the integration and send it every bot message (`message_created`), as Botpress
   * Cloud may: the webhook's instance then never sees the bot's replies (`npm run bench:wait` measures it).
   */
  repliesElsewhere?: boolean
}

const BUNDLE = resolve(__dirname, '..', '.botpress', 'dist', 'index.js')
const TSX = require.resolve('tsx/cli')

/**
 * Everything `npm start` runs on one machine: the built integration in its own process, the local cloud
 * in front of it, the demo bot, and the inbox as the response endpoint (unless another is given, or none).
 */
export const startLocalStack = async (options: LocalStackOptions) => {
  const log = options.log ?? console.log
  const cloudPort = await claimPort(options.cloudPort, 'local cloud')
  // A free port (0) is taken when the inbox listens, so that no other process can take it in between.
  const withInbox = !options.noEndpoint
  const inboxPort = options.inboxPort === 0 || !withInbox ? 0 : await claimPort(options.inboxPort, 'inbox')
  const replies = options.noEndpoint ? 'feed' : options.responseEndpointURL ? 'endpoint' : 'inbox'
  if (!existsSync(BUNDLE)) throw new Error('No integration bundle: run `npm run build` first.')
  // Both SDK servers find the local cloud through these variables, as they find Botpress Cloud in production.
  const env = { BP_API_URL: `http://127.0.0.1:${cloudPort}`, BP_TOKEN: RUNTIME_TOKEN }
  const integrationProcess = (name: string, port: number) =>
    startServerProcess({
      name,
      port,
      args: [resolve(__dirname, 'serve-integration.js')],
      // The inbox (or your endpoint) is on this machine: a private address Botpress Cloud would refuse.
      env: { ...env, [ALLOW_PRIVATE_ENDPOINTS]: 'true' },
      log: (line) => log(`[${name}] ${line}`),
    })
  const [integration, bot, elsewhere] = await Promise.all([
    integrationProcess('integration', options.integrationPort),
    startServerProcess({
      name: 'demo bot',
      port: 0,
      args: [TSX, resolve(__dirname, 'bot', 'serve-demo-bot.ts')],
      env,
      log: (line) => log(`[bot] ${line}`),
    }),
    options.repliesElsewhere ? integrationProcess('integration elsewhere', 0) : undefined,
  ])
  const inbox = new Inbox((entry) => {
    options.onDelivery?.(entry)
    playground.recordDelivery(entry, inbox.url)
  })
  const playground = createPlayground({
    webhookUrl: () => cloud.webhookUrl({ webhookId: WEBHOOK_ID }),
    token: LOCAL_PAT,
    signingSecret: LOCAL_SIGNING_SECRET,
    inbox: replies === 'inbox' ? inbox : undefined,
    replies,
  })
  const cloud = new LocalCloud({
    integrationUrl: elsewhere
      ? ({ operation }) => (operation === 'message_created' ? elsewhere.url : integration.url)
      : integration.url,
    runtimeToken: RUNTIME_TOKEN,
    personalAccessTokens: [LOCAL_PAT],
    onProblem: (message) => {
      log(message)
      playground.recordProblem(message)
    },
    onExchange: (exchange) => {
      options.onExchange?.(exchange)
      playground.recordExchange(exchange)
    },
    routes: { [PLAYGROUND_PATH]: playground.route },
  })
  const stop = async () => {
    await Promise.allSettled([integration.stop(), bot.stop(), cloud.stop(), inbox.stop(), elsewhere?.stop()])
  }
  try {
    await cloud.start(cloudPort)
    const inboxUrl = withInbox ? await inbox.start(inboxPort) : undefined
    const responseEndpointURL = options.noEndpoint ? undefined : (options.responseEndpointURL ?? inboxUrl)
    const installation = await cloud.install({
      botId: DEMO_BOT_ID,
      webhookId: WEBHOOK_ID,
      botUrl: bot.url,
      configuration: responseEndpointURL ? { responseEndpointURL, signingSecret: LOCAL_SIGNING_SECRET } : {},
    })
    return {
      cloud,
      inbox,
      inboxUrl,
      installation,
      webhookUrl: cloud.webhookUrl(installation),
      playgroundUrl: `${cloud.url}${PLAYGROUND_PATH}`,
      token: LOCAL_PAT,
      signingSecret: LOCAL_SIGNING_SECRET,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
