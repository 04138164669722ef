import { parseArgs } from 'node:util'
import { formatDelivery } from './inbox/format-delivery'
import { startLocalStack } from './local-stack'

const HELP = `npm start [-- options]

Runs the integration, a local Botpress Cloud with a demo bot, an inbox that prints the bot's replies,
and the playground page: a conversation with the bot beside a log of every HTTP exchange.

  --endpoint <url>          send replies to your own endpoint instead of the inbox (or RESPONSE_ENDPOINT_URL)
  --no-endpoint             install the bot without a Response Endpoint URL and start no inbox: read the
                            bot's messages from the feed, GET {webhook URL}/messages (the playground watches it)
  --cloud-port <port>       local cloud and webhook URL (default 8070, or CLOUD_PORT)
  --inbox-port <port>       built-in inbox (default 8071, or INBOX_PORT)
  --integration-port <port> the integration's own server (default 8072, or INTEGRATION_PORT)
  --help                    this text`

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    'no-endpoint': { type: 'boolean' },
    'cloud-port': { type: 'string' },
    'inbox-port': { type: 'string' },
    'integration-port': { type: 'string' },
    help: { type: 'boolean' },
  },
})

const port = (flag: string | undefined, env: string | undefined, fallback: number) => {
  const value = Number(flag ?? env ?? fallback)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`"${flag ?? env}" is not a port number`)
  }
  return value
}

/** Where the replies go, as the start banner says it. */
const repliesLine = (endpoint: string | undefined, noEndpoint: boolean, inboxUrl: string | undefined) => {
  if (noEndpoint)
    return 'nowhere: no Response Endpoint URL (read them from the feed, below, or watch it in the playground)'
  return endpoint ?? `${inboxUrl} (the inbox: each reply is printed below)`
}

/** A back-end's poll loop over the feed, in shell (hub.md's): every bot message of every conversation, once each. */
const feedLoopFor = (webhookUrl: string, token: string) =>
  `WEBHOOK_URL=${webhookUrl} PERSONAL_ACCESS_TOKEN=${token} bash examples/shell/feed-loop.sh`

const curlFor = (webhookUrl: string, token: string) =>
  [
    `curl -X POST ${webhookUrl} \\`,
    `  -H "Authorization: bearer ${token}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"userId":"user-1","messageId":"'$(date +%s%N)'","conversationId":"chat-1","type":"text","text":"hello"}'`,
  ].join('\n')

const main = async () => {
  if (values.help) {
    console.log(HELP)
    return
  }
  const noEndpoint = values['no-endpoint'] === true
  const endpoint = values.endpoint ?? process.env.RESPONSE_ENDPOINT_URL
  if (noEndpoint && values.endpoint) throw new Error('--endpoint and --no-endpoint exclude each other: give one.')
  const stack = await startLocalStack({
    cloudPort: port(values['cloud-port'], process.env.CLOUD_PORT, 8070),
    inboxPort: port(values['inbox-port'], process.env.INBOX_PORT, 8071),
    integrationPort: port(values['integration-port'], process.env.INTEGRATION_PORT, 8072),
    responseEndpointURL: noEndpoint ? undefined : endpoint,
    noEndpoint,
    onDelivery: (entry) => console.log(`[inbox] ${formatDelivery(entry.body)}`),
  })
  console.log(`
Messaging API is running locally.

  Playground    ${stack.playgroundUrl} (open it in a browser: chat with the bot, see every request)
  Webhook URL   ${stack.webhookUrl}
  Token         ${stack.token}
  Replies go to ${repliesLine(endpoint, noEndpoint, stack.inboxUrl)}
${noEndpoint ? '' : `  Signed with   ${stack.signingSecret}\n`}
Send a message (type "help" as text to see what the demo bot can answer):

${curlFor(stack.webhookUrl, stack.token)}
${noEndpoint ? `\nRead every bot message of every conversation as it comes (needs curl and jq; the loop is in hub.md):\n\n${feedLoopFor(stack.webhookUrl, stack.token)}\n` : ''}
Press Ctrl-C to stop.
`)
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping…')
    await stack.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
