import type { Client, Message } from '@botpress/client'
import type { Delivery } from '../envelope'
import { msLeft } from './call-deadline'
import { botStatusReader, type BotStatus, type Outcome, type StatusReader } from './bot-status'
import { pollDelayMs, WAIT_RULES } from './prefer-wait'
import { asDeliveries, readTurnReplies, type Turn } from './turn-replies'

export type ReplyReader = Pick<Client, 'listMessages'> & StatusReader

/**
 * What a waited answer adds. `waitRule` says what ended the wait: `status`, the bot's own status for the
 * message (then `outcome`, and `failureReason` when it failed); `silence`, the fallback when Botpress gave
 * no status (a quiet second after the last reply).
 */
export type WaitedReplies = {
  replies: Delivery[]
  complete: boolean
  waitRule: 'status' | 'silence'
  outcome?: Outcome
  failureReason?: string | null
}

/** Kept of the request's budget for reading the replies once the wait is over. */
const READ_RESERVE_MS = 5_000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls the bot's status until it settles or the deadline passes; `unknown` when Botpress gives none. */
const waitForStatus = async (client: StatusReader, messageId: string, deadline: number): Promise<BotStatus> => {
  const readStatus = botStatusReader(client, messageId)
  for (let reads = 0; ; reads++) {
    await sleep(Math.max(0, Math.min(pollDelayMs(reads), deadline - Date.now())))
    let status: BotStatus
    try {
      status = await readStatus()
    } catch {
      // A token without access to events, or a failing call: the replies can still be read.
      return { kind: 'unknown' }
    }
    if (status.kind !== 'pending' || Date.now() >= deadline) return status
  }
}

/** The fallback rule: complete once no new reply came for `settleMs`, or the next user message closed the turn. */
const waitForSilence = async (client: ReplyReader, turn: Turn, deadline: number) => {
  let replies: Message[] = []
  let lastChange: number | undefined
  for (let reads = 0; ; reads++) {
    const read = await readTurnReplies(client, turn)
    if (read.replies.length !== replies.length) lastChange = Date.now()
    replies = read.replies
    const settled = lastChange !== undefined && Date.now() - lastChange >= WAIT_RULES.settleMs
    const complete = read.closed || settled
    if (complete || Date.now() + pollDelayMs(reads) > deadline) return { replies, complete }
    await sleep(pollDelayMs(reads))
  }
}

/**
 * Waits for the bot to finish with `turn.incoming`, at most `waitSeconds`, with the caller's client: polls the
 * bot's status for the message, then reads its replies once. Falls back to the silence rule when Botpress gives
 * no status. Ends early enough to read the replies within the request's budget. Holds no state outside this request.
 */
export const collectReplies = async (client: ReplyReader, turn: Turn, waitSeconds: number): Promise<WaitedReplies> => {
  const deadline = Date.now() + Math.min(waitSeconds * 1000, msLeft() - READ_RESERVE_MS)
  const status = await waitForStatus(client, turn.incoming.id, deadline)
  if (status.kind === 'unknown') {
    const { replies, complete } = await waitForSilence(client, turn, deadline)
    return { replies: asDeliveries(replies, turn), complete, waitRule: 'silence' }
  }
  const { replies } = await readTurnReplies(client, turn)
  const answer = { replies: asDeliveries(replies, turn), waitRule: 'status' as const }
  if (status.kind === 'pending') return { ...answer, complete: false }
  const failure = status.outcome === 'failed' ? { failureReason: status.failureReason } : {}
  return { ...answer, complete: true, outcome: status.outcome, ...failure }
}
