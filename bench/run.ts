import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { claimPort, startServerProcess } from '../dev/child-process'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { Inbox } from '../dev/inbox/inbox'
import { percentile, residentMiB, runConcurrently } from './stats'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'

// `npm run bench`: the integration's speed and memory beside the first version's intake, in one run.
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    conversations: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '25' },
    'memory-conversations': { type: 'string', default: '100000' },
  },
})
const N = Number(values.messages)
const M = Number(values.conversations)
const C = Number(values.concurrency)
const LATENCY = Number(values.latency)
const MEMORY_CONVERSATIONS = Number(values['memory-conversations'])
/** The bound the integration's resident memory must stay under, however many conversations it sees. */
const MEMORY_BOUND_MIB = 320

const ROOT = resolve(__dirname, '..')
const BUNDLE = resolve(ROOT, '.botpress', 'dist', 'index.js')
const PAT = 'bench-pat'
const RUNTIME_TOKEN = 'bench-runtime'

const SERVERS = {
  naive: [require.resolve('tsx/cli'), resolve(__dirname, 'naive-integration.ts')],
  fast: [resolve(ROOT, 'dev', 'serve-integration.js')],
}
type Variant = keyof typeof SERVERS

/** One integration server (in its own process) behind its own local cloud, with one bot installed. */
const startVariant = async (variant: Variant) => {
  const cloudPort = await claimPort(0, 'local cloud')
  const server = await startServerProcess({
    name: `${variant} integration`,
    port: 0,
    args: SERVERS[variant],
    // The inbox is on 127.0.0.1, a private address deliveries are refused by default.
    env: { BP_API_URL: `http://127.0.0.1:${cloudPort}`, BP_TOKEN: RUNTIME_TOKEN, [ALLOW_PRIVATE_ENDPOINTS]: 'true' },
    log: (line) => console.error(`[${variant}] ${line}`),
  })
  const cloud = new LocalCloud({ integrationUrl: server.url, runtimeToken: RUNTIME_TOKEN, personalAccessTokens: [PAT] })
  await cloud.start(cloudPort)
  const inbox = new Inbox()
  const installation = await cloud.install({ configuration: { responseEndpointURL: await inbox.start() } })
  const webhookUrl = cloud.webhookUrl(installation)
  const post = async (body: Record<string, string>) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`)
  }
  /** Straight to the integration, as the cloud forwards a webhook call, without the public URL's hop. */
  const forward = async (body: Record<string, string>) => {
    const answer = await cloud.driver.webhookReceived(installation, {
      method: 'POST',
      path: '',
      query: '',
      headers: { authorization: `bearer ${PAT}` },
      body: JSON.stringify(body),
    })
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body}`)
  }
  const stop = async () => {
    await Promise.all([server.stop(), cloud.stop(), inbox.stop()])
  }
  return { server, cloud, installation, post, forward, stop }
}

const message = (run: string, i: number, conversations: number) => ({
  userId: `user-${i % conversations}`,
  conversationId: `conv-${i % conversations}`,
  messageId: `${run}-${i}`,
  type: 'text',
  text: `message ${i}`,
})

/** Warm-up (one message per conversation), then N messages over M conversations at concurrency C. */
const measureInbound = async (variant: Variant) => {
  const stack = await startVariant(variant)
  try {
    stack.cloud.api.faults.latencyMs = LATENCY
    await runConcurrently(M, C, (i) => stack.post(message('warmup', i, M)))
    const coldCalls = stack.cloud.api.totalCalls / M
    stack.cloud.api.resetCalls()
    const { durations, elapsedMs } = await runConcurrently(N, C, (i) => stack.post(message('measured', i, M)))
    const store = stack.cloud.store(stack.installation.botId)
    const perId = new Map<string, number>()
    for (const written of store.messages.values()) perId.set(written.tags.id!, (perId.get(written.tags.id!) ?? 0) + 1)
    const sent = Array.from({ length: N }, (_, i) => `measured-${i}`)
    return {
      p50: percentile(durations, 0.5),
      p99: percentile(durations, 0.99),
      throughput: (N / elapsedMs) * 1000,
      coldCalls,
      warmCalls: stack.cloud.api.totalCalls / N,
      lost: sent.filter((id) => !perId.has(id)).length,
      duplicated: [...perId.values()].filter((count) => count > 1).length,
    }
  } finally {
    await stack.stop()
  }
}

/** Time the integration spends on a bot message beyond the endpoint's own handling of it. */
const measureOutbound = async () => {
  const stack = await startVariant('fast')
  try {
    const store = stack.cloud.store(stack.installation.botId)
    const conversation = store.createConversation({ channel: 'channel', tags: { id: 'outbound' } })
    const overheads: number[] = []
    for (let i = 0; i < 300; i++) {
      const sent = store.createMessage({
        type: 'text',
        payload: { text: `reply ${i}` },
        userId: stack.installation.botId,
        conversationId: conversation.id,
        tags: {},
        direction: 'outgoing',
      })
      const started = performance.now()
      const answer = await stack.cloud.driver.messageCreated(stack.installation, {
        conversation,
        user: { id: stack.installation.botId },
        message: sent,
      })
      if (answer.status !== 200) throw new Error(answer.body)
      overheads.push(performance.now() - started)
    }
    return { p50: percentile(overheads, 0.5), p99: percentile(overheads, 0.99) }
  } finally {
    await stack.stop()
  }
}

/** From spawning the bundle to `/health` answering, the median of 5 starts. */
const measureStartup = async () => {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    const server = await startServerProcess({
      name: 'integration',
      port: 0,
      args: SERVERS.fast,
      env: {},
      log: () => {},
    })
    times.push(performance.now() - started)
    await server.stop()
  }
  return percentile(times, 0.5)
}

/** Resident memory of the integration's process while it sees ever more distinct conversations. */
const measureMemory = async () => {
  const stack = await startVariant('fast')
  try {
    const samples: [number, number][] = [[0, await residentMiB(stack.server.pid)]]
    const step = MEMORY_CONVERSATIONS / 4
    for (let done = 0; done < MEMORY_CONVERSATIONS; done += step) {
      await runConcurrently(step, 64, (i) => stack.forward(message('memory', done + i, MEMORY_CONVERSATIONS)))
      samples.push([done + step, await residentMiB(stack.server.pid)])
    }
    return samples
  } finally {
    await stack.stop()
  }
}

const row = (label: string, naive: number, fast: number, digits = 1) =>
  `  ${label.padEnd(22)}${naive.toFixed(digits).padStart(10)}${fast.toFixed(digits).padStart(10)}${(fast / naive).toFixed(2).padStart(9)}×`

const main = async () => {
  const started = performance.now()
  console.log(
    `Messaging API benchmark: ${N} messages over ${M} conversations, concurrency ${C}, API latency ${LATENCY} ms\n`
  )
  const naive = await measureInbound('naive')
  const fast = await measureInbound('fast')
  console.log(`  ${'inbound (warm)'.padEnd(22)}${'naive'.padStart(10)}${'fast'.padStart(10)}${'ratio'.padStart(10)}`)
  console.log(row('p50 latency (ms)', naive.p50, fast.p50))
  console.log(row('p99 latency (ms)', naive.p99, fast.p99))
  console.log(row('messages per second', naive.throughput, fast.throughput, 0))
  console.log(row('API calls per message', naive.warmCalls, fast.warmCalls, 2))
  console.log(row('API calls, first message', naive.coldCalls, fast.coldCalls, 2))
  console.log(
    `  ${'lost / duplicated'.padEnd(22)}${`${naive.lost} / ${naive.duplicated}`.padStart(10)}${`${fast.lost} / ${fast.duplicated}`.padStart(10)}`
  )

  const targets: [string, boolean][] = [
    [`warm API calls per message ≤ 1.05`, fast.warmCalls <= 1.05],
    [`warm p50 ≤ 0.4 × naive`, fast.p50 <= 0.4 * naive.p50],
    [`no message lost or duplicated`, fast.lost + fast.duplicated + naive.lost + naive.duplicated === 0],
  ]
  const outbound = await measureOutbound()
  console.log(
    `\n  outbound overhead      p50 ${outbound.p50.toFixed(1)} ms, p99 ${outbound.p99.toFixed(1)} ms (local endpoint answering at once)`
  )
  console.log(`  bundle size            ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB (.botpress/dist/index.js)`)
  console.log(`  start to /health       ${(await measureStartup()).toFixed(0)} ms (median of 5)`)
  if (MEMORY_CONVERSATIONS > 0) {
    const memory = await measureMemory()
    console.log(
      `  resident memory        ${memory.map(([n, mib]) => `${n / 1000}k: ${mib.toFixed(0)} MiB`).join(', ')}`
    )
    const peak = Math.max(...memory.map(([, mib]) => mib))
    targets.push([
      `memory after ${MEMORY_CONVERSATIONS} conversations ≤ ${MEMORY_BOUND_MIB} MiB`,
      peak <= MEMORY_BOUND_MIB,
    ])
  }
  console.log(`\n${targets.map(([name, met]) => `  ${met ? 'met    ' : 'MISSED '} ${name}`).join('\n')}`)
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s.`)
  if (targets.some(([, met]) => !met)) process.exitCode = 1
}

void main()
