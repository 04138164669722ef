import { randomUUID } from 'node:crypto'
import { startLocalStack } from '../dev/local-stack'
import { percentile } from './stats'

// `npm run bench:wait`: `Prefer: wait` on the stack `npm start` runs (the built integration and the demo bot,
// each in its own process), against the targets of waiting on the bot's status.
const RUNS = 10
/** Operations a waited answer adds: the bot's status, then its replies. */
const WAIT_OPERATIONS = ['listEvents', 'getEvent', 'listMessages']

type Stack = Awaited<ReturnType<typeof startLocalStack>>
type Answer = { elapsedMs: number; json: Record<string, unknown> & { replies?: unknown[] } }

const post = async (stack: Stack, text: string, prefer?: string, conversationId = 'bench'): Promise<Answer> => {
  const body = {
    userId: 'bench-user',
    messageId: randomUUID(),
    conversationId,
    type: 'text',
    text,
  }
  const started = performance.now()
  const response = await fetch(stack.webhookUrl, {
    method: 'POST',
    headers: {
      authorization: `bearer ${stack.token}`,
      'content-type': 'application/json',
      ...(prefer ? { prefer } : {}),
    },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as Answer['json']
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json)}`)
  return { elapsedMs: performance.now() - started, json }
}

/** Calls that are not the waited request's: the bot's own reply, and the channel handler's feed tag. */
const NOT_THE_REQUESTS = ['createMessage', 'updateMessage']

/**
 * Runs `times` requests one after the other, in one conversation: the API calls during the last one, by
 * operation, and the most any one made (the bot's and the channel handler's calls aside).
 */
const sample = async (stack: Stack, times: number, text: string, prefer?: string, conversationId?: string) => {
  const answers: Answer[] = []
  let calls: Record<string, number> = {}
  let mostCalls = 0
  for (let i = 0; i < times; i++) {
    stack.cloud.api.resetCalls()
    answers.push(await post(stack, text, prefer, conversationId))
    calls = Object.fromEntries(stack.cloud.api.calls)
    const own = Object.entries(calls).filter(([operation]) => !NOT_THE_REQUESTS.includes(operation))
    mostCalls = Math.max(
      mostCalls,
      own.reduce((sum, [, count]) => sum + count, 0)
    )
  }
  const elapsed = answers.map((a) => a.elapsedMs)
  return { answers, calls, mostCalls, median: percentile(elapsed, 0.5), max: Math.max(...elapsed) }
}

/** Bots that take their time, by keyword, and when each is done (s): one reply just before, or none. */
const SLOW_BOTS = [
  { keyword: 'delay 1', doneS: 1, shape: 'reply at 1 s, done' },
  { keyword: 'delay 5', doneS: 5, shape: 'reply at 5 s, done' },
  { keyword: 'delay 10', doneS: 10, shape: 'reply at 10 s, done' },
  { keyword: 'work 5', doneS: 5, shape: 'reply at 1 s, done at 5 s' },
  { keyword: 'think 5', doneS: 5, shape: 'no reply, done at 5 s' },
]
const SLOW_RUNS = 3

/**
 * The slow bots on one stack: calls per waited message (the most of SLOW_RUNS) and how long after the bot
 * was done the answer came (the worst), against the targets: a reply signalled on the waiting instance
 * (`same`) at most 10 calls and 300 ms, else at most 12 calls and 3 s.
 */
const slowBots = async (stack: Stack, where: 'same' | 'other') => {
  const targets: [string, boolean][] = []
  for (const bot of SLOW_BOTS) {
    // A conversation of its own: no turn of another row is still running in it.
    const run = await sample(stack, SLOW_RUNS, bot.keyword, 'wait=25', `bench-${where}-${bot.keyword}`)
    const lateMs = run.max - bot.doneS * 1000
    const complete = run.answers.every((a) => a.json.complete === true)
    const signalled = where === 'same' && bot.keyword.startsWith('delay')
    const [maxCalls, maxLateMs] = signalled ? [10, 300] : [12, 3000]
    console.log(
      `  ${where} instance, ${bot.shape.padEnd(26)} calls ${run.mostCalls}, answered ${ms(lateMs)} after done`
    )
    targets.push([
      `${where} instance, ${bot.shape}: ≤ ${maxCalls} calls, answered ≤ ${maxLateMs} ms after done, complete`,
      run.mostCalls <= maxCalls && lateMs <= maxLateMs && complete,
    ])
  }
  return targets
}

const ms = (value: number) => `${value.toFixed(0)} ms`
const waitCalls = (calls: Record<string, number>) =>
  WAIT_OPERATIONS.map((operation) => `${operation} ${calls[operation] ?? 0}`).join(', ')

const main = async () => {
  const stack = await startLocalStack({ cloudPort: 0, inboxPort: 0, integrationPort: 0, log: () => {} })
  try {
    await sample(stack, 3, 'hello', 'wait=5') // warm-up: caches, connections, the bot's first run
    console.log(`Prefer: wait on the local stack, demo bot in its own process (${RUNS} runs each)\n`)

    const echo = await sample(stack, RUNS, 'hello', 'wait=5')
    const echoDone = echo.answers.every((a) => a.json.complete === true && a.json.outcome === 'processed')
    console.log(`  echo bot, waited          median ${ms(echo.median)}, max ${ms(echo.max)}`)
    console.log(`    calls of one request    ${JSON.stringify(echo.calls)} (createMessage: the bot's reply)`)

    stack.cloud.api.faults.refusedOperations = { listEvents: 403 }
    const silence = await sample(stack, RUNS, 'hello', 'wait=5')
    stack.cloud.api.faults.refusedOperations = {}
    console.log(
      `  echo bot, silence rule    median ${ms(silence.median)} (listEvents refused: the fallback, and the rule before)`
    )

    const pause = await sample(stack, RUNS, 'pause', 'wait=10')
    const pauseWhole = pause.answers.every((a) => a.json.complete === true && a.json.replies?.length === 2)
    console.log(`  bot replying at 0.1 and 2.6 s, done at 2.65 s: median ${ms(pause.median)}, max ${ms(pause.max)}`)
    console.log(`    calls of one request    ${waitCalls(pause.calls)}`)

    const plain = await sample(stack, RUNS * 5, 'hello')
    const plainWaitCalls = WAIT_OPERATIONS.reduce((sum, operation) => sum + (plain.calls[operation] ?? 0), 0)
    console.log(`  without Prefer            median ${ms(plain.median)}, calls ${JSON.stringify(plain.calls)}`)

    console.log(`\nBots that take their time (${SLOW_RUNS} runs each; calls: the most of one waited message)`)
    const slowTargets = await slowBots(stack, 'same')
    const elsewhere = await startLocalStack({
      cloudPort: 0,
      inboxPort: 0,
      integrationPort: 0,
      log: () => {},
      repliesElsewhere: true,
    })
    try {
      await sample(elsewhere, 2, 'hello', 'wait=5')
      slowTargets.push(...(await slowBots(elsewhere, 'other')))
    } finally {
      await elsewhere.stop()
    }

    const targets: [string, boolean][] = [
      ...slowTargets,
      [`echo bot waited answer ≤ 300 ms, median of ${RUNS}, complete and processed`, echo.median <= 300 && echoDone],
      [`pause: both replies, complete, every answer before 3200 ms`, pause.max < 3200 && pauseWhole],
      [`no status or reply read without Prefer`, plainWaitCalls === 0],
    ]
    console.log(`\n${targets.map(([name, met]) => `  ${met ? 'met    ' : 'MISSED '} ${name}`).join('\n')}`)
    if (targets.some(([, met]) => !met)) process.exitCode = 1
  } finally {
    await stack.stop()
  }
}

void main()
