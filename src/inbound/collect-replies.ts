import type { Client, Message } from '@botpress/client'
import { buildDelivery, type Delivery } from '../envelope'
import { step } from './botpress-errors'
import { WAIT_RULES } from './prefer-wait'

export type ReplyReader = Pick<Client, 'listMessages'>

type Turn = { incoming: Message; conversation: { id: string; tags: Record<string, string | undefined> } }

/** Pages read per poll at most (Botpress lists 20 messages a page): a turn keeps its latest 100 messages. */
const MAX_PAGES = 5

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * The bot's replies to one incoming message: its outgoing messages after that message and before the
 * next incoming one (which closes the turn), oldest first. Botpress lists a conversation newest first,
 * so reading stops at the incoming message.
 */
const readReplies = async (client: ReplyReader, { incoming, conversation }: Turn) => {
  const newerThanIncoming: Message[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await step('reading the replies', () =>
      client.listMessages({ conversationId: conversation.id, nextToken })
    )
    const index = listed.messages.findIndex((m) => m.id === incoming.id)
    newerThanIncoming.push(...(index === -1 ? listed.messages : listed.messages.slice(0, index)))
    nextToken = listed.meta.nextToken
    if (index !== -1 || !nextToken) break
  }
  const oldestFirst = newerThanIncoming.reverse()
  const nextIncoming = oldestFirst.findIndex((m) => m.direction === 'incoming')
  const turn = nextIncoming === -1 ? oldestFirst : oldestFirst.slice(0, nextIncoming)
  return { replies: turn.filter((m) => m.direction === 'outgoing'), closed: nextIncoming !== -1 }
}

/**
 * Waits for the bot's replies to `incoming`, reading the conversation every `pollMs` with the caller's
 * client (WAIT_RULES): `complete` once no new reply came for `settleMs` after the last one, or the next user message
 * closed the turn; incomplete when `waitSeconds` ran out first. Holds no state outside this request.
 */
export const collectReplies = async (
  client: ReplyReader,
  turn: Turn,
  waitSeconds: number
): Promise<{ replies: Delivery[]; complete: boolean }> => {
  const deadline = Date.now() + waitSeconds * 1000
  let replies: Message[] = []
  let lastChange: number | undefined
  for (;;) {
    const read = await readReplies(client, turn)
    if (read.replies.length !== replies.length) lastChange = Date.now()
    replies = read.replies
    const settled = lastChange !== undefined && Date.now() - lastChange >= WAIT_RULES.settleMs
    const complete = read.closed || settled
    if (complete || Date.now() + WAIT_RULES.pollMs > deadline) {
      const envelopes = replies.map((message) =>
        buildDelivery({ ...message, message, user: { id: message.userId }, conversation: turn.conversation })
      )
      return { replies: envelopes, complete }
    }
    await sleep(WAIT_RULES.pollMs)
  }
}
