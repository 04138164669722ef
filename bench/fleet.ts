import { dirname, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { startServerProcess } from '../dev/child-process'
import type { Installation, IntegrationCall, IntegrationUrl } from '../dev/cloud/integration-driver'
import { LocalCloud } from '../dev/cloud/local-cloud'
import { Inbox } from '../dev/inbox/inbox'
import { ALLOW_PRIVATE_ENDPOINTS } from '../src/outbound/address-filter'

const ROOT = resolve(__dirname, '..')
export const PAT = 'bench-pat'
const RUNTIME_TOKEN = 'bench-runtime'

/** The first version's intake, bundled like the integration so that both designs start alike. */
const NAIVE_BUNDLE = resolve(ROOT, '.botpress', 'bench', 'naive-integration.js')

/**
 * The naive design calls Botpress with the SDK's own client (0.29.1), as the first version did: its bundle is
 * the SDK and the intake, a minimal SDK integration, and nothing the fast design added (its client 1.45).
 */
const sdkOwnClient: Plugin = {
  name: 'sdk-own-client',
  setup: (bundler) => {
    const sdk = dirname(require.resolve('@botpress/sdk'))
    bundler.onResolve({ filter: /^@botpress\/client$/ }, () => ({
      path: require.resolve('@botpress/client', { paths: [sdk] }),
    }))
  },
}

/** Bundles `naive-integration.ts` with esbuild, with the options `bp build` bundles the integration with. */
export const bundleNaive = async () => {
  await build({
    entryPoints: [resolve(__dirname, 'naive-integration.ts')],
    bundle: true,
    platform: 'node',
    target: 'es2020',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    outfile: NAIVE_BUNDLE,
    logLevel: 'warning',
    plugins: [sdkOwnClient],
  })
}

/** A local cloud as the benchmark's instances meet it: its runtime token, and one back-end's token. */
export const benchCloud = (integrationUrl: IntegrationUrl, log: (line: string) => void) =>
  new LocalCloud({ integrationUrl, runtimeToken: RUNTIME_TOKEN, personalAccessTokens: [PAT], onProblem: log })

/** The environment of an instance behind `cloud`. */
export const instanceEnv = (cloud: LocalCloud) => ({
  BP_API_URL: cloud.url,
  BP_TOKEN: RUNTIME_TOKEN,
  // The inbox is on 127.0.0.1, a private address deliveries are refused by default.
  [ALLOW_PRIVATE_ENDPOINTS]: 'true',
})

/** The integration server of each design, started as its own process. */
export const DESIGNS = {
  naive: [NAIVE_BUNDLE],
  fast: [resolve(ROOT, 'dev', 'serve-integration.js')],
}
export type Design = keyof typeof DESIGNS

/** How a message reaches an instance: through the public webhook URL, or handed over as the cloud does. */
export type Path = 'webhook-url' | 'forward'

/** One process of the integration, as Botpress Cloud starts one: it shares no memory with the others. */
export type Instance = {
  /** 1, 2, 3… in order of start: a restarted instance is a new one. */
  number: number
  url: string
  pid: number
  /** Webhook calls routed to it and not yet answered to their caller. */
  inFlight: number
  /** Conversations whose messages it has served (the benchmark's record, not the instance's). */
  served: Set<string>
  stop: () => Promise<void>
  whenIdle?: () => void
}

export type FleetOptions = {
  design: Design
  instances: number
  random: () => number
  log: (line: string) => void
}

/**
 * Several instances of one design behind one local cloud, with one bot installed. The cloud's picker
 * spreads its calls at random over the live instances; `restartOne` replaces an instance with a fresh
 * process while requests keep flowing: once taken out of rotation, an instance gets no new call, and it
 * stops when the calls it has are answered.
 */
export class Fleet {
  public readonly cloud: LocalCloud
  public restarts = 0
  private readonly live: Instance[] = []
  private started = 0
  private readonly routed = new Map<string, Instance>()
  private readonly inbox = new Inbox()
  private installed?: Installation

  private constructor(private readonly options: FleetOptions) {
    this.cloud = benchCloud((call) => this.route(call), options.log)
  }

  public static async start(options: FleetOptions): Promise<Fleet> {
    const fleet = new Fleet(options)
    await fleet.cloud.start()
    const started = await Promise.all(Array.from({ length: options.instances }, () => fleet.startInstance()))
    fleet.live.push(...started)
    fleet.installed = await fleet.cloud.install({ configuration: { responseEndpointURL: await fleet.inbox.start() } })
    return fleet
  }

  public get installation(): Installation {
    if (!this.installed) throw new Error('The fleet is not installed yet')
    return this.installed
  }

  public get instances(): readonly Instance[] {
    return this.live
  }

  /**
   * Sends a back-end's message and resolves with the answer's status and the instance that served it.
   * `webhook-url`: POSTed to the public webhook URL, as a back-end does; the cloud forwards it to the instance
   * its picker chooses. `forward`: the cloud's own call to the instance (`webhook_received`), without the
   * public URL's hop: the time Botpress Cloud waits for the integration.
   */
  public async send(body: { messageId: string } & Record<string, string>, via: Path) {
    let answer: { status: number; body: string }
    try {
      answer = via === 'webhook-url' ? await this.post(body) : await this.forward(body)
    } catch (error) {
      answer = { status: 0, body: String(error) }
    }
    return { ...answer, instance: this.settle(body.messageId) }
  }

  private async post(body: Record<string, string>) {
    const response = await fetch(this.cloud.webhookUrl(this.installation), {
      method: 'POST',
      headers: { authorization: `bearer ${PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: await response.text() }
  }

  private forward(body: Record<string, string>) {
    return this.cloud.driver.webhookReceived(this.installation, {
      method: 'POST',
      path: '',
      query: '',
      headers: { authorization: `bearer ${PAT}` },
      body: JSON.stringify(body),
    })
  }

  /** Takes the oldest live instance out of rotation, lets its calls finish, stops it, and starts a fresh one. */
  public async restartOne(): Promise<void> {
    if (this.live.length < 2) throw new Error('A restart needs at least two instances: one keeps serving.')
    const old = this.live.reduce((a, b) => (a.number < b.number ? a : b))
    this.live.splice(this.live.indexOf(old), 1)
    if (old.inFlight > 0) await new Promise<void>((idle) => (old.whenIdle = idle))
    await old.stop()
    this.live.push(await this.startInstance())
    this.restarts += 1
  }

  public async stop(): Promise<void> {
    await Promise.all([...this.live.map((instance) => instance.stop()), this.cloud.stop(), this.inbox.stop()])
  }

  private async startInstance(): Promise<Instance> {
    const number = ++this.started
    const { design } = this.options
    const server = await startServerProcess({
      name: `${design} integration #${number}`,
      port: 0,
      args: DESIGNS[design],
      env: instanceEnv(this.cloud),
      log: (line) => this.options.log(`[${design} #${number}] ${line}`),
    })
    return {
      number,
      url: server.url,
      pid: server.pid,
      inFlight: 0,
      served: new Set(),
      stop: server.stop,
    }
  }

  /** The call for `messageId` is answered: its instance has one call less in flight. */
  private settle(messageId: string): Instance | undefined {
    const instance = this.routed.get(messageId)
    this.routed.delete(messageId)
    if (instance) {
      instance.inFlight -= 1
      if (instance.inFlight === 0) instance.whenIdle?.()
    }
    return instance
  }

  /** The cloud's picker: any live instance, at random; a webhook call is counted in flight until answered. */
  private route(call: IntegrationCall): string {
    if (this.live.length === 0) throw new Error('No live integration instance')
    const instance = this.live[Math.floor(this.options.random() * this.live.length)]!
    const messageId = call.operation === 'webhook_received' ? messageIdOf(call.body) : undefined
    if (messageId !== undefined) {
      instance.inFlight += 1
      this.routed.set(messageId, instance)
    }
    return instance.url
  }
}

/** The back-end's `messageId` in a forwarded webhook request, when it has one. */
const messageIdOf = (body: unknown): string | undefined => {
  const raw = (body as { req?: { body?: unknown } }).req?.body
  if (typeof raw !== 'string') return undefined
  try {
    const id = (JSON.parse(raw) as { messageId?: unknown }).messageId
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}
