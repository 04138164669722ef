import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { claimPort, startServerProcess } from '../dev/child-process'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { percentile } from './stats'

// `npm run bench:read`: the Botpress calls and the time of catch-up reads (GET {webhook URL}/messages)
// over conversations holding 1, 50 and 500 bot messages, each answering a user message.
const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '25' },
    runs: { type: 'string', default: '5' },
  },
})
const LATENCY = Number(values.latency)
const RUNS = Number(values.runs)
const HISTORIES = [1, 50, 500]
const PAT = 'bench-pat'
const RUNTIME_TOKEN = 'bench-runtime'

/** A chat's rhythm: an exchange a minute, sessions of 20 exchanges a day apart, all in the past. */
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

const createdAt = (exchange: number, second: number) => {
  const day = Math.floor(exchange / 20)
  const start = Date.UTC(2026, 0, 1) + day * 86_400_000 + (exchange % 20) * 60_000
  return new Date(start + second * 2_000).toISOString()
}

const main = async () => {
  const cloudPort = await claimPort(0, 'local cloud')
  const server = await startServerProcess({
    name: 'integration',
    port: 0,
    args: [resolve(__dirname, '..', 'dev', 'serve-integration.js')],
    env: { BP_API_URL: `http://127.0.0.1:${cloudPort}`, BP_TOKEN: RUNTIME_TOKEN },
    log: (line) => console.error(`[integration] ${line}`),
  })
  const cloud = new LocalCloud({ integrationUrl: server.url, runtimeToken: RUNTIME_TOKEN, personalAccessTokens: [PAT] })
  await cloud.start(cloudPort)
  // No Response Endpoint URL: the reads are what is measured, and nothing needs delivering.
  const installation = await cloud.install({ configuration: {} })
  const webhookUrl = cloud.webhookUrl(installation)
  const store = cloud.store(installation.botId)

  /** A conversation of `exchanges` user messages each answered by the bot, spread over days. */
  const seed = async (conversationId: string, exchanges: number) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u', messageId: `${conversationId}-0`, conversationId, type: 'text', text: 'hi' }),
    })
    const { message: first, conversation } = (await response.json()) as {
      message: { id: string; userId: string }
      conversation: { id: string }
    }
    const message = (text: string, userId: string, direction: 'incoming' | 'outgoing') =>
      store.createMessage({
        type: 'text',
        payload: { text },
        userId,
        conversationId: conversation.id,
        tags: {},
        direction,
      })
    store.getConversation(conversation.id).createdAt = createdAt(0, 0)
    const ids: string[] = []
    for (let n = 0; n < exchanges; n++) {
      const user = n === 0 ? store.getMessage(first.id) : message(`question ${n}`, first.userId, 'incoming')
      const reply = message(`answer ${n}`, installation.botId, 'outgoing')
      user.createdAt = createdAt(n, 0)
      reply.createdAt = createdAt(n, 1)
      ids.push(reply.id)
    }
    return ids
  }

  /** One read, with the Botpress calls it made and its time. */
  const read = async (query: Record<string, string>) => {
    cloud.api.resetCalls()
    const startedAt = performance.now()
    const response = await fetch(`${webhookUrl}/messages?${new URLSearchParams(query)}`, {
      headers: { authorization: `bearer ${PAT}` },
    })
    const json = (await response.json()) as {
      messages: { botpressMessageId: string }[]
      hasMore: boolean
      cursor: string | null
    }
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json)}`)
    return {
      ...json,
      ms: performance.now() - startedAt,
      lists: cloud.api.calls.get('listMessages') ?? 0,
      calls: cloud.api.totalCalls,
    }
  }

  /** Reads the whole conversation after `after`, 100 at a time, as a back-end catching up does. */
  const readAll = async (conversationId: string, after?: string) => {
    let reads = 0
    let calls = 0
    let ms = 0
    let count = 0
    for (let cursor = after; ; reads++) {
      const page = await read({ conversationId, limit: '100', ...(cursor ? { after: cursor } : {}) })
      calls += page.calls
      ms += page.ms
      count += page.messages.length
      cursor = page.cursor ?? undefined
      if (!page.hasMore) return { reads: reads + 1, calls, ms, count }
    }
  }

  const rows: string[][] = []
  const median = (samples: number[]) => percentile(samples, 0.5)
  for (const history of HISTORIES) {
    const conversationId = `history-${history}`
    const replies = await seed(conversationId, history)
    cloud.api.faults.latencyMs = LATENCY
    const measure = async (name: string, run: () => Promise<{ calls: number; ms: number; detail: string }>) => {
      const samples = []
      for (let i = 0; i < RUNS; i++) samples.push(await run())
      const last = samples.at(-1)!
      rows.push([String(history), name, String(last.calls), median(samples.map((s) => s.ms)).toFixed(0), last.detail])
    }
    await measure('from the first message, limit 50', async () => {
      const page = await read({ conversationId })
      return { ...page, detail: `${plural(page.messages.length, 'message')}, ${plural(page.lists, 'list call')}` }
    })
    await measure('after the last message (nothing new)', async () => {
      const page = await read({ conversationId, after: replies.at(-1)! })
      return { ...page, detail: `${plural(page.messages.length, 'message')}, ${plural(page.lists, 'list call')}` }
    })
    await measure('all of it, 100 a read, from the first', async () => {
      const all = await readAll(conversationId)
      return { ...all, detail: `${plural(all.count, 'message')} in ${plural(all.reads, 'read')}` }
    })
    cloud.api.faults.latencyMs = 0
  }

  const header = ['history', 'read', 'API calls', 'time (ms)', '']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('   ')
  console.log(`\nCatch-up reads, the local cloud answering each API call after ${LATENCY} ms (median of ${RUNS}):\n`)
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  await Promise.all([server.stop(), cloud.stop()])
}

void main()
