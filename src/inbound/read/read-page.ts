import type { Message } from '@botpress/client'
import type { MessageEnvelope } from '../../envelope'
import { countCalls, type CallCounter } from '../../botpress/call-count'
import { ForwardWalk, type ListFilter, type MessageLister } from '../../botpress/forward-walk'
import { handOn, type Returned } from './hand-on'
import { seenKey, type Position } from './read-position'

/** The Botpress calls one read makes at most, whatever the history (a waited read included); documented in hub.md. */
export const MAX_CALLS_PER_READ = 20

/** A request's reads: its client counted, so that together they make at most MAX_CALLS_PER_READ calls. */
export const countedRead = <T extends object>(client: T) => countCalls(client, MAX_CALLS_PER_READ)

/**
 * A loop of reads always moves on while no millisecond holds more than this many of Botpress's pages of
 * messages (80 at its 20 a page): a read can then list such a millisecond, and the next, whole.
 */
export const CROWD_PAGES = 4

export type ReadAnswer = { messages: MessageEnvelope[]; hasMore: boolean; cursor: string | null }

/**
 * What a read returns of the messages it passed, judged in order: the envelope of each bot message it returns,
 * undefined for the others (a user's message; in the feed, a message of another channel). It may judge only
 * the first ones, when telling the rest apart would take calls the read no longer has.
 */
export type Judge = (passed: Message[], counter: CallCounter) => Promise<(MessageEnvelope | undefined)[]>

/**
 * What a read lists, how it judges what it passes, and whether its cursor looks back over the trailing
 * window (not for the walk through history from before 1.2: it hands on where it stopped, to catch up).
 */
export type ReadScope = { filter: ListFilter; judge: Judge; looksBack: boolean }

/** A read's messages, and where the next read goes on from. `atEnd`: it reached the newest message. */
export type ReadPage = { messages: MessageEnvelope[]; hasMore: boolean; next: Position; atEnd: boolean }

type Judged = { message: Message; delivery: MessageEnvelope | undefined }

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

/**
 * One read: walks forward from `start`, passes over what `start.seen` names as returned already, judges the
 * rest, and stops at `limit` returned messages, at the end of what is written, or when its calls run out
 * (then `hasMore: true`, and a position past everything it went through, so the next read moves on). The
 * position it hands on looks back over the trailing window (`handOn`).
 */
export const readPage = async (
  lister: MessageLister,
  scope: ReadScope,
  start: Position,
  limit: number,
  counter: CallCounter,
  readAtMs: number
): Promise<ReadPage> => {
  const walk = new ForwardWalk(lister, scope.filter, start, counter)
  const carried = start.seen ?? new Set<string>()
  const listedAgain = new Map<string, number>()
  const passed: Judged[] = []
  const page = (kept: Judged[], hasMore: boolean, position: Position, atEnd: boolean, inside: boolean): ReadPage => {
    const returned: Returned[] = kept.flatMap((j) =>
      j.delivery ? [{ key: seenKey(j.message.id), ms: Date.parse(j.message.createdAt) }] : []
    )
    // What earlier reads returned stays named while it may be listed again (unlisted ones while there is room).
    for (const key of carried) returned.push({ key, ms: listedAgain.get(key) })
    const messages = kept.flatMap((j) => (j.delivery ? [j.delivery] : []))
    // A read that ran out of calls before returning anything hands on where it stopped, so that a loop of
    // reads always moves on; the next read that returns something looks back over the window again. A scope
    // that does not look back (a walk through old history) still does once it reaches the newest message.
    const looksBack = (scope.looksBack || atEnd) && !(hasMore && !messages.length)
    const lookBackFrom = looksBack ? readAtMs : Infinity
    return { messages, hasMore, next: handOn({ position, returned, inside, floorMs, readAtMs: lookBackFrom }), atEnd }
  }
  const stopAt = (index: number, createdAt: string, keeps: (kept: Judged[]) => boolean) => {
    const cut = cutBefore(passed, index, createdAt, keeps)
    if (cut === 0) return page([], true, start, false, startsInside)
    const nextMs = cut < passed.length ? passed[cut]!.message.createdAt : createdAt
    const inside = nextMs === passed[cut - 1]!.message.createdAt
    return page(passed.slice(0, cut), true, positionAfter(passed[cut - 1]!.message, walk.widthMs), false, inside)
  }
  // A start inside a millisecond (at a message named by `last`) still is where a read that passed nothing stops.
  const startsInside = start.last?.ms === start.fromMs
  const floorMs = startsInside ? start.fromMs + 1 : start.fromMs
  const stillAtStart = (position: Position) =>
    startsInside && position.fromMs === start.fromMs && position.last?.id === start.last?.id
  for (;;) {
    const next = await walk.next()
    const unseen = (next ?? []).filter((m) => {
      const key = seenKey(m.id)
      if (!carried.has(key)) return true
      listedAgain.set(key, Date.parse(m.createdAt))
      return false
    })
    const verdicts = unseen.length ? await scope.judge(unseen, counter) : []
    passed.push(...verdicts.map((delivery, i) => ({ message: unseen[i]!, delivery })))
    const over = overLimit(passed, limit)
    if (over !== undefined) return stopAt(over, passed[over]!.message.createdAt, returnsAny)
    const unjudged = unseen[verdicts.length]
    // Out of calls to tell the rest apart: the next read starts with them.
    if (unjudged) return stopAt(passed.length, unjudged.createdAt, (kept) => kept.length > 0)
    if (next === undefined || walk.done) {
      return page(passed, next === undefined, walk.position, walk.done, stillAtStart(walk.position))
    }
  }
}
