import type { Client, Conversation, User } from '@botpress/client'
import { isApiError } from '@botpress/sdk'
import { HttpError } from '../errors'
import type { IdCache, Tenant } from '../id-cache'
import { fromBotpressError, step } from './botpress-errors'
import type { InboundMessage } from './parse-message'

export const CHANNEL = 'channel'

/** The Botpress calls the webhook makes: with a client built from the caller's token, or the integration's own. */
export type BotpressWriter = Pick<
  Client,
  'getOrCreateUser' | 'getOrCreateConversation' | 'getOrCreateMessage' | 'listMessages'
>

type Parties = { user: User; conversation: Conversation }

const writeMessage = (client: BotpressWriter, input: InboundMessage, { user, conversation }: Parties) =>
  client.getOrCreateMessage({
    tags: { id: input.messageId },
    type: input.type,
    payload: input.payload,
    userId: user.id,
    conversationId: conversation.id,
  })

/** A cached id Botpress no longer knows (the user or conversation was deleted): worth one more cold path. */
const isStaleReference = (thrown: unknown) =>
  isApiError(thrown) && (thrown.type === 'ReferenceNotFound' || thrown.type === 'ResourceNotFound')

/** Cold path: the user and the conversation concurrently (each only when not known), remembered for next time. */
const resolveParties = async (
  client: BotpressWriter,
  input: InboundMessage,
  known: Partial<Parties>,
  cache: IdCache,
  tenant: Tenant
): Promise<Parties> => {
  const [user, conversation] = await Promise.all([
    known.user ??
      step('finding or creating the user', () => client.getOrCreateUser({ tags: { id: input.userId } })).then(
        ({ user }) => user
      ),
    known.conversation ??
      step('finding or creating the conversation', () =>
        client.getOrCreateConversation({ channel: CHANNEL, tags: { id: input.conversationId } })
      ).then(({ conversation }) => conversation),
  ])
  cache.setUser(tenant, input.userId, user)
  cache.setConversation(tenant, input.conversationId, conversation)
  return { user, conversation }
}

/** Warm path: one call. Undefined when a cached id went stale, after dropping the entries. */
const writeWithKnown = async (
  client: BotpressWriter,
  input: InboundMessage,
  parties: Parties,
  cache: IdCache,
  tenant: Tenant
) => {
  try {
    return await writeMessage(client, input, parties)
  } catch (thrown) {
    if (!isStaleReference(thrown)) throw fromBotpressError('creating the message', thrown)
    cache.forget(tenant, input)
    return undefined
  }
}

type Written = Awaited<ReturnType<typeof writeMessage>>

/** The message found for a resent `messageId` must belong to the same user and conversation. */
const checked = (input: InboundMessage, { user, conversation }: Parties, { message }: Written) => {
  if (message.conversationId !== conversation.id || message.userId !== user.id) {
    throw new HttpError(
      409,
      'message_id_conflict',
      `messageId "${input.messageId}" was already used for a message of another user or conversation. Use a messageId that is unique for the bot, such as a UUID.`
    )
  }
  return { message, user, conversation }
}

/**
 * Creates (or finds) the user, the conversation and the message. The message is keyed by its `id` tag,
 * so a resent `messageId` returns the message written the first time. A known user in a known
 * conversation costs one call (made with the caller's client, so Botpress still checks its token).
 */
export const intakeMessage = async (client: BotpressWriter, input: InboundMessage, cache: IdCache, tenant: Tenant) => {
  const user = cache.user(tenant, input.userId)
  const conversation = cache.conversation(tenant, input.conversationId)
  if (user && conversation) {
    const written = await writeWithKnown(client, input, { user, conversation }, cache, tenant)
    if (written) return checked(input, { user, conversation }, written)
  }
  // Both known but stale: resolve both again; otherwise reuse whichever one is known.
  const parties = await resolveParties(client, input, user && conversation ? {} : { user, conversation }, cache, tenant)
  return checked(input, parties, await step('creating the message', () => writeMessage(client, input, parties)))
}
