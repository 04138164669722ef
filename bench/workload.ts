import { Fleet, type Design, type Path } from './fleet'
import { percentile, runConcurrently, seededRandom } from './stats'

/** The three situations a message can meet on a platform of many short-lived instances. */
export const CASES = {
  new: 'new conversation',
  same: 'known conversation, same instance',
  fresh: 'known conversation, fresh instance',
} as const
export type Case = keyof typeof CASES

export type WorkloadOptions = {
  messages: number
  /** One message in `newEvery` starts a new conversation. */
  newEvery: number
  concurrency: number
  latencyMs: number
  instances: number
  restartEvery: number
  /** Seeds the plan and the spread over instances: both designs get the same plan. */
  seed: number
  log: (line: string) => void
}

/** One planned message: the `index`-th of conversation `conversation`. */
type Planned = { conversation: number; index: number }

type Plan = { warmup: Planned[]; measured: Planned[] }

/**
 * The run's messages, in a steady state from the first one: the warm-up starts `warmupConversations`
 * conversations; then every `newEvery`-th message starts a new conversation and the others go to a
 * conversation already started, picked at random. New and known conversations are spread evenly over the
 * run, so neither case gets the run's start (cold code) or end more than the other.
 */
export const plan = (
  options: Pick<WorkloadOptions, 'messages' | 'newEvery' | 'seed'>,
  warmupConversations: number
): Plan => {
  const random = seededRandom(options.seed)
  const sent: number[] = []
  const start = (): Planned => ({ conversation: sent.push(1) - 1, index: 0 })
  const warmup = Array.from({ length: warmupConversations }, start)
  const measured = Array.from({ length: options.messages }, (_, i): Planned => {
    if (i % options.newEvery === 0) return start()
    const conversation = Math.floor(random() * sent.length)
    return { conversation, index: sent[conversation]!++ }
  })
  return { warmup, measured }
}

/** Half the conversations reach the integration through the public webhook URL, half as the cloud hands them over. */
const pathOf = ({ conversation }: Planned): Path => (conversation % 2 === 0 ? 'webhook-url' : 'forward')

const ids = ({ conversation, index }: Planned) => ({
  userId: `bench-user-${conversation}`,
  conversationId: `bench-conv-${conversation}`,
  messageId: `bench-conv-${conversation}-msg-${index}`,
})

type Outcome = { case: Case; via: Path; ms: number; calls: number; status: number }

export type Latency = { count: number; p50: number; p99: number }
export type CaseFigures = { count: number; callsPerMessage: number } & Record<Path, Latency>

export type DesignFigures = {
  cases: Record<Case, CaseFigures>
  messagesPerSecond: number
  callsPerMessage: number
  unattributedCalls: number
  /** p50 of one local HTTP exchange (`GET /health` on an instance) during the run, in ms. */
  localExchangeP50: number
  /** Messages whose first try was not answered 200 (sent again; their calls and latency are left out). */
  failedFirstTries: number
  lost: number
  duplicated: number
  restarts: number
  instancesStarted: number
}

/**
 * The plan run against one design on `instances` processes behind one local cloud, block by block,
 * restarting the oldest instance every `restartEvery` messages while requests keep flowing. A user waits
 * for the answer to a message before sending the next in the same conversation, so each Botpress call the
 * cloud counts is attributed to the one message in flight in its conversation (by the `id` tags it carries).
 */
class DesignRun {
  private readonly previous = new Map<number, Promise<void>>()
  private readonly inFlight = new Map<number, { calls: number }>()
  private readonly outcomes: Outcome[] = []
  private readonly exchanges: number[] = []
  private unattributed = 0
  private sent = 0
  private elapsedMs = 0

  private constructor(
    private readonly fleet: Fleet,
    private readonly planned: Planned[],
    private readonly options: WorkloadOptions
  ) {}

  public static async start(design: Design, { warmup, measured }: Plan, options: WorkloadOptions) {
    const fleet = await Fleet.start({
      design,
      instances: options.instances,
      random: seededRandom(options.seed + 1),
      log: options.log,
    })
    fleet.cloud.api.faults.latencyMs = options.latencyMs
    // Warm-up, not measured: every instance loads its code and opens its connections, and the first
    // conversations start, so that known conversations are there from the first measured message.
    await runConcurrently(warmup.length, options.concurrency, async (i) => {
      const body = { ...ids(warmup[i]!), type: 'text', text: 'hello' }
      const answer = await fleet.send(body, pathOf(warmup[i]!))
      if (answer.status !== 200) throw new Error(`Warm-up message: HTTP ${answer.status} ${answer.body}`)
      answer.instance?.served.add(body.conversationId)
    })
    const run = new DesignRun(fleet, measured, options)
    const conversationOf = new Map<string, number>()
    for (const message of [...warmup, ...measured]) {
      for (const id of Object.values(ids(message))) conversationOf.set(id, message.conversation)
    }
    fleet.cloud.api.resetCalls()
    fleet.cloud.api.onCall = (_operation, body) => {
      const conversation = idTagsOf(body)
        .map((id) => conversationOf.get(id))
        .find((found) => found !== undefined)
      const message = conversation === undefined ? undefined : run.inFlight.get(conversation)
      if (message) message.calls += 1
      else run.unattributed += 1
    }
    return run
  }

  /** Sends planned messages [from, to) at the run's concurrency; a restart begun in the block ends in it. */
  public async runBlock(from: number, to: number): Promise<void> {
    const restarts: Promise<void>[] = []
    const probing = { on: true }
    const probe = this.probeExchanges(probing)
    const { elapsedMs } = await runConcurrently(to - from, this.options.concurrency, async (i) => {
      const message = this.planned[from + i]!
      const before = this.previous.get(message.conversation)
      let done = () => {}
      this.previous.set(message.conversation, new Promise<void>((resolve) => (done = resolve)))
      await before
      try {
        this.sent += 1
        const { restartEvery } = this.options
        if (restartEvery > 0 && this.sent % restartEvery === 0 && this.sent < this.planned.length) {
          restarts.push(this.fleet.restartOne())
        }
        await this.send(message)
      } finally {
        done()
      }
    })
    probing.on = false
    await Promise.all([...restarts, probe])
    this.elapsedMs += elapsedMs
  }

  /**
   * What one local HTTP exchange costs on this machine while the block runs: `GET /health` on a live
   * instance every 25 ms. An API round trip as an instance sees it is the simulated latency plus one.
   */
  private async probeExchanges(probing: { on: boolean }): Promise<void> {
    while (probing.on) {
      const { instances } = this.fleet
      const url = instances[Math.floor(Math.random() * instances.length)]?.url
      const started = performance.now()
      const ok = await fetch(`${url}/health`).then(
        async (response) => response.ok && (await response.text()) === 'ok',
        () => false
      )
      if (ok) this.exchanges.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /**
   * Sends one planned message, timed; like a back-end following hub.md, sends it again with the same
   * `messageId` when it is not answered 200 (up to 3 times), so a failure is counted, not a lost message.
   */
  private async send(message: Planned): Promise<void> {
    const counted = { calls: 0 }
    this.inFlight.set(message.conversation, counted)
    const via = pathOf(message)
    const body = { ...ids(message), type: 'text', text: 'hello' }
    const started = performance.now()
    let answer = await this.fleet.send(body, via)
    const ms = performance.now() - started
    const status = answer.status
    for (let resend = 0; answer.status !== 200 && resend < 3; resend++) {
      this.options.log(`${body.messageId} (${via}): HTTP ${answer.status} ${answer.body.slice(0, 300)}; sent again`)
      answer = await this.fleet.send(body, via)
    }
    this.inFlight.delete(message.conversation)
    // One message of a conversation at a time: whether its instance served the conversation before is known here.
    const { instance } = answer
    const kase: Case = message.index === 0 ? 'new' : instance?.served.has(body.conversationId) ? 'same' : 'fresh'
    instance?.served.add(body.conversationId)
    this.outcomes.push({ case: kase, via, ms, calls: counted.calls, status })
  }

  /** The figures of the run, from its outcomes and the messages the cloud stored; stops the fleet. */
  public async finish(): Promise<DesignFigures> {
    const { fleet, planned, outcomes } = this
    fleet.cloud.api.onCall = undefined
    const perId = new Map<string, number>()
    for (const written of fleet.cloud.store(fleet.installation.botId).messages.values()) {
      const id = written.tags.id
      if (id?.startsWith('bench-')) perId.set(id, (perId.get(id) ?? 0) + 1)
    }
    const figures = (kase: Case): CaseFigures => {
      // A message sent again is left out: its latency is a failure's, and its calls are its tries'.
      const mine = outcomes.filter((outcome) => outcome.case === kase && outcome.status === 200)
      const latency = (via: Path): Latency => {
        const ms = mine.filter((outcome) => outcome.via === via).map((outcome) => outcome.ms)
        return { count: ms.length, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) }
      }
      return {
        count: mine.length,
        callsPerMessage: mine.reduce((sum, outcome) => sum + outcome.calls, 0) / mine.length,
        'webhook-url': latency('webhook-url'),
        forward: latency('forward'),
      }
    }
    const result: DesignFigures = {
      cases: { new: figures('new'), same: figures('same'), fresh: figures('fresh') },
      messagesPerSecond: (planned.length / this.elapsedMs) * 1000,
      callsPerMessage: fleet.cloud.api.totalCalls / planned.length,
      unattributedCalls: this.unattributed,
      localExchangeP50: percentile(this.exchanges, 0.5),
      failedFirstTries: outcomes.filter((outcome) => outcome.status !== 200).length,
      lost: planned.filter((message) => !perId.has(ids(message).messageId)).length,
      duplicated: [...perId.values()].filter((count) => count > 1).length,
      restarts: fleet.restarts,
      instancesStarted: this.options.instances + fleet.restarts,
    }
    await fleet.stop()
    return result
  }

  public stop(): Promise<void> {
    return this.fleet.stop()
  }
}

/**
 * Both designs, each on its own instances behind its own local cloud, run the same plan in alternating
 * blocks of `block` messages (naive, fast, naive, fast…): a machine shared with other work slows both alike,
 * so their ratios hold even when its load changes during the run.
 */
export const measureDesigns = async (options: WorkloadOptions & { block: number }) => {
  const planned = plan(options, 20 * options.instances)
  const runs: DesignRun[] = []
  try {
    runs.push(await DesignRun.start('naive', planned, options), await DesignRun.start('fast', planned, options))
    for (let from = 0; from < options.messages; from += options.block) {
      for (const run of runs) await run.runBlock(from, Math.min(options.messages, from + options.block))
    }
    const [naive, fast] = [await runs[0]!.finish(), await runs[1]!.finish()]
    return { naive, fast }
  } catch (error) {
    await Promise.all(runs.map((run) => run.stop()))
    throw error
  }
}

/** The values of the `id` tags a runtime API request carries: its own, and its user's, conversation's, message's. */
const idTagsOf = (raw: string): string[] => {
  try {
    const body = JSON.parse(raw) as Record<string, { tags?: { id?: unknown } } | undefined> & {
      tags?: { id?: unknown }
    }
    return [body.tags, body.message?.tags, body.conversation?.tags, body.user?.tags]
      .map((tags) => tags?.id)
      .filter((id): id is string => typeof id === 'string')
  } catch {
    return []
  }
}
