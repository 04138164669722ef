import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { withinBudget } from '../src/botpress/call-deadline'
import type { WaitedReplies } from '../src/inbound/wait/collect-replies'
import { WAIT_RULES } from '../src/inbound/request/prefer-wait'
import { sendWaitedMessage } from '../src/inbound/waited-message'
import { StepByStepBots } from '../src/botpress/step-by-step-fallback'
import { CONVERSATION, scriptedBotpress, TENANT, type Moment, type Script } from './support/scripted-botpress'

// The waiting rules against a scripted Botpress: handlers of several events of one conversation interleaved.

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A handler of the bot; `reminder`: an event it scheduled, which runs only if it fires (during the wait). */
type Handler = {
  replies: number
  status: 'processed' | 'failed' | 'ignored'
  message: boolean
  reminder?: 'never fires' | 'fires'
}

/**
 * The moments of `before` handlers created before ours, ours, and `after` handlers created after it,
 * interleaved by `choices`: each picks one of the handlers whose next moment may come now.
 */
const interleave = (before: Handler[], ours: Handler, after: Handler[], choices: number[]) => {
  const handlers = [...before, ours, after].flat()
  const oursIndex = before.length
  const queues: Moment[][] = handlers.map((h, handler) =>
    h.reminder === 'never fires'
      ? [{ kind: 'create', handler }]
      : [
          { kind: 'create', handler },
          ...(h.reminder === 'fires' ? [{ kind: 'fire' as const, handler }] : []),
          ...Array.from({ length: h.replies }, () => ({ kind: 'reply' as const, handler })),
          { kind: 'settle', handler, status: h.status },
        ]
  )
  const created = new Set<number>()
  const moments: Moment[] = []
  for (let step = 0; queues.some((q) => q.length); step++) {
    const allowed = queues
      .map((queue, handler) => ({ queue, handler }))
      .filter(({ queue, handler }) => {
        if (!queue.length) return false
        if (queue[0]!.kind !== 'create') return true
        if (handler < oursIndex) return true
        if (handler === oursIndex) return before.every((_, h) => created.has(h))
        return created.has(oursIndex)
      })
    const { queue, handler } = allowed[(choices[step % choices.length] ?? 0) % allowed.length]!
    const moment = queue.shift()!
    if (moment.kind === 'create') created.add(handler)
    moments.push(moment)
  }
  const withMessage = new Set(handlers.flatMap((h, i) => ((h.message && !h.reminder) || i === oursIndex ? [i] : [])))
  const scheduled = new Set(handlers.flatMap((h, i) => (h.reminder && i !== oursIndex ? [i] : [])))
  return { ours: oursIndex, withMessage, scheduled, moments }
}

const handler = fc.record({
  replies: fc.integer({ min: 0, max: 3 }),
  status: fc.constantFrom('processed' as const, 'failed' as const, 'ignored' as const),
  message: fc.boolean(),
  reminder: fc.option(fc.constantFrom('never fires' as const, 'fires' as const), { nil: undefined, freq: 3 }),
})

const script = fc
  .record({
    before: fc.array(handler, { maxLength: 3 }),
    ours: handler.map((h) => ({ ...h, reminder: undefined })),
    after: fc.array(handler, { maxLength: 3 }),
    choices: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
    ticks: fc.array(fc.constantFrom(0, 1, 3, 40), { minLength: 1, maxLength: 20 }),
    steps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 20 }),
    fails: fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
    /** Moments that happen before the look the wait takes before writing ours. */
    beforeLook: fc.nat({ max: 12 }),
    /** A resend: the back-end sends ours again this many moments after its answer. */
    resendAfter: fc.option(fc.nat({ max: 30 })),
    /** Which of the other user messages the back-end sent with a wait (they carry a look). */
    waited: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    foundTags: fc.constantFrom('kept' as const, 'overwritten' as const),
    /** Where each reply's channel handler runs, and how many calls pass before the reply is listed. */
    signals: fc.array(fc.constantFrom('here' as const, 'other conversation' as const, 'elsewhere' as const), {
      minLength: 1,
      maxLength: 8,
    }),
    replyLags: fc.array(fc.constantFrom(0, 0, 1, 3), { minLength: 1, maxLength: 8 }),
  })
  .map(({ before, ours, after, choices, ticks, steps, fails, waited, foundTags, signals, replyLags, ...rest }) => {
    const cycle = <T>(values: T[]) => {
      let i = 0
      return () => values[i++ % values.length]!
    }
    const scripted: Script = {
      ...interleave(before, ours, after, choices),
      tick: cycle(ticks),
      steps: cycle(steps),
      statusFails: cycle(fails.map((f, i) => f && i % 3 === 0)),
      waited: new Set(waited.flatMap((w, handler) => (w ? [handler] : []))),
      foundTags,
      signal: cycle(signals),
      replyLag: cycle(replyLags),
    }
    return { script: scripted, ...rest }
  })

/** Runs a promise to its end under fake timers. */
const settle = async <T>(promise: Promise<T>): Promise<T> => {
  let done = false
  void promise.finally(() => (done = true))
  while (!done) await vi.advanceTimersByTimeAsync(50)
  return promise
}

type Botpress = ReturnType<typeof scriptedBotpress>

/** What the webhook does for a waited message (`sendWaitedMessage`): look, write, wait; with its calls. */
const sendWaited = async (botpress: Botpress, waitSeconds: number) => {
  const writer = { client: botpress.client, tenant: TENANT, stepByStep: new StepByStepBots(), log: () => undefined }
  const input = {
    userId: 'user-1',
    messageId: 'ours',
    conversationId: CONVERSATION.tags.id,
    type: 'text' as const,
    payload: { text: 'hello' },
    profile: {},
  }
  const before = botpress.calls.length
  const answer = await settle(sendWaitedMessage(writer, input, waitSeconds, { tenant: TENANT }))
  return { ...answer, calls: botpress.calls.length - before }
}

/** A waited message after `beforeLook` moments. */
const waitFor = async (botpress: Botpress, beforeLook: number, waitSeconds: number = WAIT_RULES.maxSeconds) => {
  botpress.advanceBeforeOurs(beforeLook)
  return sendWaited(botpress, waitSeconds)
}

/** A waited message, and with `resendAfter`, the same sent again that many moments after its answer. */
const sendAndResend = async (botpress: Botpress, beforeLook: number, resendAfter: number | null) => {
  const first = await waitFor(botpress, beforeLook)
  if (resendAfter === null) return { first, answer: first }
  botpress.advanceAfterOurs(resendAfter)
  return { first, answer: await sendWaited(botpress, 5) }
}

const ids = (answer: WaitedReplies) => answer.replies.map((r) => r.botpressMessageId)

describe('a waited answer over random interleavings of messages, events, replies and statuses', () => {
  it('never holds a reply to something else, and says complete only with exactly the replies to this message', async () => {
    let complete = 0
    let overlaps = 0
    let resendsKeptReplies = 0
    let resendsComplete = 0
    await fc.assert(
      fc.asyncProperty(script, async ({ script, beforeLook, resendAfter }) => {
        const botpress = scriptedBotpress(script)
        const { first, answer } = await sendAndResend(botpress, beforeLook, resendAfter)
        const truth = botpress.truth()
        for (const sent of [first, answer]) expect(sent.calls).toBeLessThanOrEqual(WAIT_RULES.maxCalls)
        for (const id of ids(answer)) expect(botpress.owner(id)).toBe(script.ours)
        expect(ids(answer)).toEqual(truth.replies.slice(0, answer.replies.length))
        if (answer.complete) {
          complete++
          expect(truth.settled).toBe(true)
          expect(ids(answer)).toEqual(truth.replies)
          expect(answer.incompleteReason).toBeUndefined()
        } else {
          expect(answer.incompleteReason).toBeDefined()
          if (answer.incompleteReason === 'overlap') overlaps++
        }
        expect(answer.cursor).toBe(ids(answer).at(-1) ?? `msg_in_${String(script.ours).padStart(20, '0')}`)
        if (resendAfter === null) return
        expect([first.duplicate, answer.duplicate]).toEqual([false, true])
        // A safe retry keeps the replies of a complete first answer, where Botpress keeps the first write's tags,
        // nothing later shares a millisecond with its last reply, and no reminder fired since (Botpress does not
        // say when an event fired: then the replies may be another's).
        const happened = botpress.happened()
        const oursAt = happened.findIndex((m) => m.kind === 'create' && m.handler === script.ours)
        const fired = happened.slice(oursAt).some((m) => m.kind === 'fire')
        const created = botpress.createdMs()
        const lastReplyMs = Math.max(...created.filter(({ id }) => ids(first).includes(id)).map(({ ms }) => ms))
        const later = created.filter(
          ({ id }) => id.startsWith('evt_') && id !== `evt_${String(script.ours).padStart(24, '0')}`
        )
        const sharesMs = later.some(({ ms }) => ms === lastReplyMs)
        if (script.foundTags === 'kept' && first.complete && !sharesMs && !fired) {
          resendsKeptReplies++
          expect(ids(answer)).toEqual(ids(first))
          if (answer.complete) resendsComplete++
        }
      }),
      { numRuns: 400 }
    )
    // The property says something only if every kind of answer came up.
    expect(complete).toBeGreaterThan(5)
    expect(overlaps).toBeGreaterThan(20)
    expect(resendsKeptReplies).toBeGreaterThan(5)
    expect(resendsComplete).toBeGreaterThan(2)
  })
})

/** A script where our message is the only thing the bot handles. */
const alone = (
  replies: number,
  moments: Moment['kind'][] = [],
  status: 'processed' | 'failed' = 'processed'
): Script => ({
  ours: 0,
  withMessage: new Set([0]),
  moments: [
    { kind: 'create', handler: 0 },
    ...(moments.map((kind) => (kind === 'settle' ? { kind, handler: 0, status } : { kind, handler: 0 })) as Moment[]),
    ...Array.from({ length: replies }, () => ({ kind: 'reply' as const, handler: 0 })),
    { kind: 'settle', handler: 0, status },
  ],
  tick: () => 5,
  steps: () => 1,
})

describe('reminders the bot scheduled', () => {
  /** A reminder scheduled for tomorrow, then ours; a reminder may also be scheduled during our turn. */
  const withReminders = (during: boolean): Script => ({
    ours: 1,
    withMessage: new Set([1]),
    scheduled: new Set([0, 2]),
    moments: [
      { kind: 'create', handler: 0 },
      { kind: 'create', handler: 1 },
      { kind: 'reply', handler: 1 },
      ...(during ? [{ kind: 'create' as const, handler: 2 }] : []),
      { kind: 'reply', handler: 1 },
      { kind: 'settle', handler: 1, status: 'processed' },
    ],
    tick: () => 40,
    steps: () => 1,
  })

  it.each([false, true])(
    'do not count as running until they fire (one scheduled during the turn: %s)',
    async (during) => {
      const botpress = scriptedBotpress(withReminders(during))
      const answer = await waitFor(botpress, 1)
      expect(answer).toMatchObject({ complete: true, outcome: 'processed' })
      expect(ids(answer)).toEqual(botpress.truth().replies)
    }
  )

  it('one that fires during the turn and writes a reply makes the answer incomplete, never holding its reply', async () => {
    const botpress = scriptedBotpress({
      ours: 1,
      withMessage: new Set([1]),
      scheduled: new Set([0]),
      moments: [
        { kind: 'create', handler: 0 },
        { kind: 'create', handler: 1 },
        { kind: 'reply', handler: 1 },
        { kind: 'fire', handler: 0 },
        { kind: 'reply', handler: 0 },
        { kind: 'settle', handler: 0, status: 'processed' },
        { kind: 'settle', handler: 1, status: 'processed' },
      ],
      tick: () => 40,
      steps: () => 1,
    })
    const answer = await waitFor(botpress, 1)
    expect(answer).toMatchObject({ complete: false, incompleteReason: 'overlap' })
    for (const id of ids(answer)) expect(botpress.owner(id)).toBe(1)
  })
})

describe('collectReplies', () => {
  it('reads the status until it settles, then the replies once and, after them, what else ran', async () => {
    const botpress = scriptedBotpress(alone(2))
    const answer = await waitFor(botpress, 0)
    expect(answer).toMatchObject({ complete: true, outcome: 'processed', waitRule: 'status' })
    expect(ids(answer)).toEqual(botpress.truth().replies)
    expect(botpress.calls).toEqual([
      'listConversations',
      'initializeIncomingMessage',
      'listEvents message',
      'getEvent',
      'getEvent',
      'listMessages',
      'listEvents conversation',
    ])
  })

  it('gives the reason of a failure', async () => {
    const answer = await waitFor(scriptedBotpress(alone(1, [], 'failed')), 0)
    expect(answer).toMatchObject({ complete: true, outcome: 'failed', failureReason: 'the bot threw' })
  })

  it('is incomplete, with no outcome, when the bot is still at it at the end of the wait', async () => {
    const botpress = scriptedBotpress({ ...alone(1), steps: () => 0 })
    const answer = await waitFor(botpress, 0, 1)
    expect(answer).toMatchObject({ complete: false, incompleteReason: 'wait_expired', waitRule: 'status' })
    expect(answer).not.toHaveProperty('outcome')
  })

  it("ends the wait early enough to read the replies within the request's budget", async () => {
    const botpress = scriptedBotpress({ ...alone(1), steps: () => 0 })
    const started = Date.now()
    // 6.5 s left to the request: the 25 s wait ends after about 1.5 s, keeping 5 s for reading the replies.
    const answer = await withinBudget(6_500, () => waitFor(botpress, 0, WAIT_RULES.maxSeconds))
    expect(answer).toMatchObject({ complete: false, waitRule: 'status' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400)
    expect(Date.now() - started).toBeLessThan(3_500)
  })

  it('two messages close together: neither holds the other one’s replies, and both say overlap', async () => {
    // U1, U2 300 ms later while the bot is still on U1; then R2 (to U2), R1 (to U1), both settle.
    const script = (ours: number): Script => ({
      ours,
      withMessage: new Set([0, 1]),
      moments: [
        { kind: 'create', handler: 0 },
        { kind: 'create', handler: 1 },
        { kind: 'reply', handler: 1 },
        { kind: 'settle', handler: 1, status: 'processed' },
        { kind: 'reply', handler: 0 },
        { kind: 'settle', handler: 0, status: 'processed' },
      ],
      tick: () => 300,
      steps: () => 1,
    })
    const first = await waitFor(scriptedBotpress(script(0)), 0)
    expect(first).toMatchObject({ replies: [], complete: false, incompleteReason: 'overlap', outcome: 'processed' })
    const second = scriptedBotpress(script(1))
    const answer = await waitFor(second, 1)
    expect(answer).toMatchObject({ replies: [], complete: false, incompleteReason: 'overlap', outcome: 'processed' })
  })

  it('a status not listed at first, or a read that fails after a known pending, keeps the status rule', async () => {
    let reads = 0
    const botpress = scriptedBotpress({ ...alone(1), steps: () => 0, statusFails: () => reads++ % 2 === 1 })
    const answer = await waitFor(botpress, 0, 1)
    expect(answer.waitRule).toBe('status')
  })

  it('falls back to the quiet second, incomplete, when Botpress keeps no status for a second', async () => {
    const botpress = scriptedBotpress({ ...alone(1), steps: () => 1, statusFails: () => true })
    const started = Date.now()
    const answer = await waitFor(botpress, 0)
    expect(answer).toMatchObject({ complete: false, incompleteReason: 'no_status', waitRule: 'silence' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_RULES.settleMs)
  })
})
