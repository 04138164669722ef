import { Client } from '@botpress/client'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { claimPort, startServerProcess } from '../dev/child-process'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { percentile } from './stats'

// `npm run bench:feed`: what the feed costs a bot that is busy elsewhere. One back-end reads the feed with
// long polling (`Prefer: wait=25`) at the head while the bot sends this integration's messages at a steady
// pace, with or without heavy traffic on another channel (webchat: a new conversation every 4 messages,
// written straight into the local cloud, as Botpress would, without calling this integration). Every Botpress
// call the integration makes is counted: the tag in the channel handler, the reader's reads, the shared poll.
// Two integration processes: the bot message reaches the reader's instance, or the other one.
const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '40' },
    ours: { type: 'string', default: '20' },
    others: { type: 'string', default: '12000' },
  },
})
const LATENCY = Number(values.latency)
const SECONDS = Number(values.seconds)
const OURS_PER_MINUTE = Number(values.ours)
const OTHERS_PER_MINUTE = Number(values.others)
const PAT = 'bench-pat'
const RUNTIME_TOKEN = 'bench-runtime'
/** What the bot itself calls (its messages); everything else is the integration's. */
const BOT_OPERATIONS = new Set(['createMessage'])

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Envelope = { botpressMessageId: string; createdAt: string }
type Page = { messages: Envelope[]; hasMore: boolean; cursor: string }

const main = async () => {
  const cloudPort = await claimPort(0, 'local cloud')
  const start = (name: string) =>
    startServerProcess({
      name,
      port: 0,
      args: [resolve(__dirname, '..', 'dev', 'serve-integration.js')],
      env: { BP_API_URL: `http://127.0.0.1:${cloudPort}`, BP_TOKEN: RUNTIME_TOKEN },
      log: (line) => console.error(`[${name}] ${line}`),
    })
  const [handler, reader] = await Promise.all([start('instance A'), start('instance B')])
  let readsOn = handler.url
  const cloud = new LocalCloud({
    // The channel handler always runs on instance A; the reads on A (same instance) or B (another).
    integrationUrl: ({ operation }) => (operation === 'message_created' ? handler.url : readsOn),
    runtimeToken: RUNTIME_TOKEN,
    personalAccessTokens: [PAT],
  })
  await cloud.start(cloudPort)
  const installation = await cloud.install({ configuration: {} })
  const webhookUrl = cloud.webhookUrl(installation)
  const store = cloud.store(installation.botId)
  const bot = new Client({ apiUrl: cloud.url, token: RUNTIME_TOKEN, botId: installation.botId })

  const ourConversations: string[] = []
  for (let n = 0; n < 5; n++) {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'u',
        messageId: `seed-${n}`,
        conversationId: `chat-${n}`,
        type: 'text',
        text: 'hi',
      }),
    })
    ourConversations.push(((await response.json()) as { conversation: { id: string } }).conversation.id)
  }

  const read = async (after: string, wait?: number): Promise<Page> => {
    const response = await fetch(`${webhookUrl}/messages?${new URLSearchParams({ after, limit: '100' })}`, {
      headers: { authorization: `bearer ${PAT}`, ...(wait ? { prefer: `wait=${wait}` } : {}) },
      signal: AbortSignal.timeout(40_000),
    })
    const json = (await response.json()) as Page
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json)}`)
    return json
  }

  /** Webchat's traffic: a user message and the bot's answer, a new conversation every 4 messages. */
  const otherTraffic = (perMinute: number) => {
    let conversationId = ''
    let written = 0
    const perTick = perMinute / 60 / 20
    let owed = 0
    const timer = setInterval(() => {
      for (owed += perTick; owed >= 1; owed--, written++) {
        if (written % 4 === 0) {
          conversationId = store.createConversation({ channel: 'channel', tags: {}, integrationName: 'webchat' }).id
        }
        const user = store.getOrCreateUser({ tags: { web: String(written >> 2) } })
        const bot = written % 2 === 1
        store.createMessage({
          type: 'text',
          payload: { text: `webchat ${written}` },
          userId: bot ? installation.botId : user.id,
          conversationId,
          tags: {},
          direction: bot ? 'outgoing' : 'incoming',
        })
      }
    }, 50)
    return () => clearInterval(timer)
  }

  const run = async (name: string, others: number, sameInstance: boolean) => {
    readsOn = sameInstance ? handler.url : reader.url
    const stopOthers = otherTraffic(others)
    await sleep(3_000) // traffic under way before the reader starts
    let cursor = (await read('now')).cursor
    const firstCursor = cursor
    const received = new Map<string, number>()
    const lags: number[] = []
    let reading = true
    const loop = (async () => {
      while (reading) {
        const page = await read(cursor, 25)
        const now = Date.now()
        for (const m of page.messages) {
          if (received.has(m.botpressMessageId)) throw new Error(`${m.botpressMessageId} came twice`)
          received.set(m.botpressMessageId, now)
          lags.push(now - Date.parse(m.createdAt))
        }
        cursor = page.cursor
      }
    })()
    await sleep(2_000)
    cloud.api.faults.latencyMs = LATENCY
    const calls = new Map<string, number>()
    cloud.api.onCall = (operation) => calls.set(operation, (calls.get(operation) ?? 0) + 1)
    const sent: string[] = []
    const interval = 60_000 / OURS_PER_MINUTE
    const startedAt = Date.now()
    for (let i = 0; Date.now() - startedAt < SECONDS * 1000; i++) {
      const { message } = await bot.createMessage({
        conversationId: ourConversations[i % ourConversations.length]!,
        userId: installation.botId,
        type: 'text',
        payload: { text: `ours ${i}` },
        tags: {},
      })
      sent.push(message.id)
      await sleep(Math.max(0, startedAt + (i + 1) * interval - Date.now()))
    }
    // Steady state: the calls of the measured span, over the messages sent in it.
    const counted = [...calls].filter(([operation]) => !BOT_OPERATIONS.has(operation))
    const total = counted.reduce((sum, [, n]) => sum + n, 0)
    cloud.api.onCall = undefined
    await sleep(6_000) // the last ones arrive
    reading = false
    cloud.api.faults.latencyMs = 0
    stopOthers()
    const missing = sent.filter((id) => !received.has(id))
    // Catching up from before the run: every message of ours in it, among everything else the bot wrote.
    cloud.api.faults.latencyMs = LATENCY
    cloud.api.resetCalls()
    let catchUpCursor = firstCursor
    let caughtUp = 0
    for (;;) {
      const page = await read(catchUpCursor)
      caughtUp += page.messages.length
      catchUpCursor = page.cursor
      if (!page.hasMore) break
    }
    const catchUpCalls = cloud.api.totalCalls
    cloud.api.faults.latencyMs = 0
    await loop.catch(() => {})
    return {
      name,
      perMessage: total / sent.length,
      breakdown: counted.map(([operation, n]) => `${operation} ${n}`).join(', '),
      sent: sent.length,
      missing: missing.length,
      lagP50: percentile(lags, 0.5),
      lagMax: Math.max(...lags),
      catchUp: `${caughtUp} of ours in ${catchUpCalls} calls, among ${store.messages.size} messages`,
    }
  }

  console.log(
    `The feed, one reader long-polling at the head, ${OURS_PER_MINUTE} bot messages a minute of ours for ${SECONDS} s, ` +
      `the local cloud answering each API call after ${LATENCY} ms\n`
  )
  const rows: Awaited<ReturnType<typeof run>>[] = []
  for (const [others, same] of [
    [0, true],
    [OTHERS_PER_MINUTE, true],
    [0, false],
    [OTHERS_PER_MINUTE, false],
  ] as const) {
    const name = `${others ? `${others}/min on webchat` : 'no other traffic'}, reader on ${same ? 'the same' : 'another'} instance`
    rows.push(await run(name, others, same))
    const row = rows.at(-1)!
    console.log(
      `${row.name}: ${row.perMessage.toFixed(2)} calls per message of ours (${row.breakdown}; ${row.sent} sent, ${row.missing} missing), ` +
        `lag p50 ${row.lagP50.toFixed(0)} ms, max ${row.lagMax.toFixed(0)} ms; catch-up from before the run: ${row.catchUp}`
    )
  }
  const ratio = (busy: number, quiet: number) => (rows[busy]!.perMessage / rows[quiet]!.perMessage).toFixed(2)
  console.log(`\nbusy / quiet, same instance: ${ratio(1, 0)}; another instance: ${ratio(3, 2)}`)
  await Promise.all([handler.stop(), reader.stop(), cloud.stop()])
}

void main()
