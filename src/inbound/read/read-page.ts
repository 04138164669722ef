import type { Message } from '@botpress/client'
import type { Delivery } from '../../envelope'
import { ForwardWalk, type CallBudget, type MessageLister } from './forward-walk'
import { encodeCursor, type Position } from './read-position'

/** The Botpress calls one read makes at most, whatever the history (a waited read included); documented in hub.md. */
export const MAX_CALLS_PER_READ = 20

/**
 * A loop of reads always moves on while no millisecond holds more than this many of Botpress's pages of
 * messages (80 at its 20 a page): a read can then list such a millisecond, and the next, whole.
 */
export const CROWD_PAGES = 4

export type ReadAnswer = { messages: Delivery[]; hasMore: boolean; cursor: string | null }

/**
 * What a read returns of the messages it passed, judged in order: the envelope of each bot message it returns,
 * undefined for the others (a user's message; in the feed, a message of another channel). It may judge only
 * the first ones, when telling the rest apart would take calls the read no longer has.
 */
export type Judge = (passed: Message[], budget: CallBudget) => Promise<(Delivery | undefined)[]>

/** What a read lists (one Botpress conversation, or every one of the bot), and how it judges what it passes. */
export type ReadScope = { conversationId?: string; judge: Judge }

/** A read's answer, and where it stopped: the next read of a waiting request goes on from there. */
export type ReadPage = { answer: ReadAnswer; position: Position }

type Judged = { message: Message; delivery: Delivery | undefined }

/** Just after `message`, with the walk's width for the next read. */
const positionAfter = (message: Message, widthMs: number): Position => {
  const ms = Date.parse(message.createdAt)
  return { last: { id: message.id, ms }, fromMs: ms, widthMs }
}

/**
 * Where a read stops that must stop at `passed[index]`, a message created at `createdAt`: before the millisecond
 * it shares with earlier messages (so the next read starts on a millisecond's boundary), unless that leaves
 * nothing that `keeps`.
 */
const cutBefore = (passed: Judged[], index: number, createdAt: string, keeps: (kept: Judged[]) => boolean) => {
  let cut = index
  while (cut > 0 && passed[cut - 1]!.message.createdAt === createdAt) cut--
  return keeps(passed.slice(0, cut)) ? cut : index
}

const returnsAny = (passed: Judged[]) => passed.some((j) => j.delivery)

/** The index of the message returned past `limit`, if any. */
const overLimit = (passed: Judged[], limit: number): number | undefined => {
  let returned = 0
  const over = passed.findIndex((j) => j.delivery && ++returned > limit)
  return over === -1 ? undefined : over
}

const pageOf = (passed: Judged[], hasMore: boolean, position: Position): ReadPage => ({
  answer: {
    messages: passed.flatMap((j) => (j.delivery ? [j.delivery] : [])),
    hasMore,
    cursor: encodeCursor(position),
  },
  position,
})

/**
 * One read: walks forward from `start`, judges what it passes, and stops at `limit` returned messages, at the
 * end of what is written, or when its calls run out (then `hasMore: true`, and a position past everything it
 * went through, so the next read moves on).
 */
export const readPage = async (
  lister: MessageLister,
  scope: ReadScope,
  start: Position,
  limit: number,
  budget: CallBudget
): Promise<ReadPage> => {
  const walk = new ForwardWalk(lister, scope.conversationId, start, budget)
  const passed: Judged[] = []
  const stopAt = (index: number, createdAt: string, keeps: (kept: Judged[]) => boolean) => {
    const cut = cutBefore(passed, index, createdAt, keeps)
    return pageOf(passed.slice(0, cut), true, cut > 0 ? positionAfter(passed[cut - 1]!.message, walk.widthMs) : start)
  }
  for (;;) {
    const next = await walk.next()
    const verdicts = next?.length ? await scope.judge(next, budget) : []
    passed.push(...verdicts.map((delivery, i) => ({ message: next![i]!, delivery })))
    const over = overLimit(passed, limit)
    if (over !== undefined) return stopAt(over, passed[over]!.message.createdAt, returnsAny)
    const unjudged = next?.[verdicts.length]
    // Out of calls to tell the rest apart: the next read starts with them.
    if (unjudged) return stopAt(passed.length, unjudged.createdAt, (kept) => kept.length > 0)
    if (next === undefined || walk.done) return pageOf(passed, next === undefined, walk.position)
  }
}

/**
 * A read a waiting request repeats: each `next` reads on from where the last one stopped, within the same
 * budget. `conversationId` is the Botpress conversation it lists (undefined: the whole feed).
 */
export type OpenRead = { conversationId?: string; next: () => Promise<ReadAnswer> }

export const readingFrom = (
  lister: MessageLister,
  scope: ReadScope,
  start: Position,
  limit: number,
  budget: CallBudget
): OpenRead => {
  let position = start
  return {
    conversationId: scope.conversationId,
    next: async () => {
      const page = await readPage(lister, scope, position, limit, budget)
      position = page.position
      return page.answer
    },
  }
}
