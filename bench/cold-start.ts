import { spawn, type ChildProcess } from 'node:child_process'
import { claimPort } from '../dev/child-process'
import type { Installation } from '../dev/cloud/integration-driver'
import type { LocalCloud } from '../dev/cloud/local-cloud'
import { Inbox } from '../dev/inbox/inbox'
import { benchCloud, DESIGNS, instanceEnv, PAT, type Design } from './fleet'
import { percentile, residentMiB } from './stats'

/** One fresh instance: from its process's start to listening, and to its first message answered 200. */
export type ColdStart = { listeningMs: number; answeredMs: number; residentMiB: number }

export type ColdStartFigures = { runs: number; listeningMs: number; answeredMs: number; residentMiB: number }

/** The line the SDK's server logs once it listens: both designs are SDK servers. */
const LISTENING = /Listening on port/

type Started = { child: ChildProcess; url: string; listeningMs: number; started: number }

/** Spawns a design's server and resolves the moment it says it listens (its own log line: nothing polls it). */
const spawnFresh = async (design: Design, cloud: LocalCloud): Promise<Started> => {
  const port = await claimPort(0, `${design} integration`)
  const started = performance.now()
  const child = spawn(process.execPath, DESIGNS[design], {
    env: { ...process.env, ...instanceEnv(cloud), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const listeningMs = await new Promise<number>((listening, failed) => {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000)
        if (LISTENING.test(output)) listening(performance.now() - started)
      })
    }
    child.once('exit', (code) => failed(new Error(`The ${design} integration exited (${code}): ${output}`)))
  })
  return { child, url: `http://127.0.0.1:${port}`, listeningMs, started }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done()
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })

/** Where the local cloud sends its calls: the instance of the run. */
type Route = { url: string }

/**
 * One design behind its own local cloud, whose API answers at once: each run starts a fresh process and
 * sends it one message in a new conversation through the public webhook URL, as a back-end would.
 */
class ColdStand {
  private sent = 0

  private constructor(
    private readonly design: Design,
    private readonly cloud: LocalCloud,
    private readonly inbox: Inbox,
    private readonly route: Route,
    private readonly installation: Installation
  ) {}

  public static async start(design: Design, log: (line: string) => void): Promise<ColdStand> {
    const route: Route = { url: '' }
    const cloud = benchCloud(() => route.url, log)
    const inbox = new Inbox()
    await cloud.start()
    // Installed through a first instance, not measured: it also brings the bundle into the file cache.
    const first = await spawnFresh(design, cloud)
    route.url = first.url
    try {
      const installation = await cloud.install({ configuration: { responseEndpointURL: await inbox.start() } })
      return new ColdStand(design, cloud, inbox, route, installation)
    } finally {
      await stop(first.child)
    }
  }

  public async once(): Promise<ColdStart> {
    const fresh = await spawnFresh(this.design, this.cloud)
    this.route.url = fresh.url
    try {
      const n = ++this.sent
      const response = await fetch(this.cloud.webhookUrl(this.installation), {
        method: 'POST',
        headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          userId: `cold-user-${n}`,
          conversationId: `cold-conv-${n}`,
          messageId: `cold-msg-${n}`,
          type: 'text',
          text: 'hello',
        }),
      })
      const body = await response.text()
      const answeredMs = performance.now() - fresh.started
      if (response.status !== 200) throw new Error(`Cold start of ${this.design}: HTTP ${response.status} ${body}`)
      return { listeningMs: fresh.listeningMs, answeredMs, residentMiB: await residentMiB(fresh.child.pid ?? 0) }
    } finally {
      await stop(fresh.child)
    }
  }

  public async stop(): Promise<void> {
    await Promise.all([this.cloud.stop(), this.inbox.stop()])
  }
}

const medians = (runs: ColdStart[]): ColdStartFigures => {
  const median = (key: keyof ColdStart) => {
    const values = runs.map((run) => run[key])
    return percentile(values, 0.5)
  }
  return {
    runs: runs.length,
    listeningMs: median('listeningMs'),
    answeredMs: median('answeredMs'),
    residentMiB: median('residentMiB'),
  }
}

/**
 * The cold start of both designs, `runs` times each, in turn (naive, fast, naive, fast…) so that a machine
 * shared with other work slows both alike: the medians of each.
 */
export const measureColdStarts = async (runs: number, log: (line: string) => void) => {
  const stands: ColdStand[] = []
  try {
    stands.push(await ColdStand.start('naive', log), await ColdStand.start('fast', log))
    const naive: ColdStart[] = []
    const fast: ColdStart[] = []
    for (let i = 0; i < runs; i++) {
      naive.push(await stands[0]!.once())
      fast.push(await stands[1]!.once())
    }
    return { naive: medians(naive), fast: medians(fast) }
  } finally {
    await Promise.all(stands.map((stand) => stand.stop()))
  }
}

/** At most this many times the naive design's cold start, process start to the first 200 answer. */
const COLD_START_BOUND = 1.15

/** The target, named with its figures, and whether it is met. */
export const coldStartTarget = ({ naive, fast }: Record<Design, ColdStartFigures>): [string, boolean] => {
  const bound = COLD_START_BOUND * naive.answeredMs
  return [
    `cold start ≤ ${COLD_START_BOUND} × naive, process start to the first 200 answer (${fast.answeredMs.toFixed(0)} ≤ ${bound.toFixed(0)} ms)`,
    fast.answeredMs <= bound,
  ]
}

/** The row's lines, the naive design beside the fast one. */
export const coldStartLines = ({ naive, fast }: Record<Design, ColdStartFigures>): string[] => {
  const row = (label: string, a: number, b: number, digits = 0) =>
    `    ${label.padEnd(30)}${a.toFixed(digits).padStart(10)}${b.toFixed(digits).padStart(10)}${`${(b / a).toFixed(2)}×`.padStart(12)}`
  return [
    `  cold start, median of ${fast.runs} fresh processes each       naive      fast  fast/naive`,
    row('process start to listening, ms', naive.listeningMs, fast.listeningMs),
    row('process start to first 200, ms', naive.answeredMs, fast.answeredMs),
    row('resident memory then, MiB', naive.residentMiB, fast.residentMiB),
    '    (one message in a new conversation through the webhook URL; the API answers at once, so the row',
    '    measures loading and the first request, not the calls per message the rows above count)',
  ]
}
