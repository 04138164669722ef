import type { Client, Conversation, User } from '@botpress/client'
import { HttpError } from '../errors'
import type { IdCache, Tenant } from '../id-cache'
import { CHANNEL } from '../../definitions/name'
import { fromBotpressError, isApiErrorOf, step } from './botpress-errors'
import type { Profile } from './field-issues'

/** The Botpress calls the webhook makes: with a client built from the caller's token, or the integration's own. */
export type BotpressWriter = Pick<
  Client,
  | 'getOrCreateUser'
  | 'getOrCreateConversation'
  | 'getOrCreateMessage'
  | 'listMessages'
  | 'updateUser'
  | 'createEvent'
  | 'getState'
  | 'setState'
>

export type Parties = { user: User; conversation: Conversation }

/** The back-end's ids of who speaks where, and the profile it sent. */
export type PartyIds = { userId: string; conversationId: string; profile: Profile }

type Known = { user?: User; conversation?: Conversation }

/** Only a profile field that was sent and differs from Botpress costs an update. */
const needsUpdate = (user: User, profile: Profile) =>
  (profile.name !== undefined && profile.name !== user.name) ||
  (profile.pictureUrl !== undefined && profile.pictureUrl !== user.pictureUrl)

const withProfile = async (client: BotpressWriter, user: User, profile: Profile): Promise<User> =>
  needsUpdate(user, profile)
    ? (await step('updating the user profile', () => client.updateUser({ id: user.id, ...profile }))).user
    : user

/** The Botpress user of the back-end's `userId` (tag `id`), created when new, with the profile it was sent. */
export const resolveUser = async (client: BotpressWriter, userId: string, profile: Profile): Promise<User> => {
  const { user } = await step('finding or creating the user', () =>
    client.getOrCreateUser({ tags: { id: userId }, ...profile })
  )
  return withProfile(client, user, profile)
}

/** Cold path: the user and the conversation concurrently (each only when not known), remembered for next time. */
const resolveParties = async (client: BotpressWriter, ids: PartyIds, known: Known, cache: IdCache, tenant: Tenant) => {
  const [user, conversation] = await Promise.all([
    known.user ? withProfile(client, known.user, ids.profile) : resolveUser(client, ids.userId, ids.profile),
    known.conversation ??
      step('finding or creating the conversation', () =>
        client.getOrCreateConversation({ channel: CHANNEL, tags: { id: ids.conversationId } })
      ).then((r) => r.conversation),
  ])
  cache.setUser(tenant, ids.userId, user)
  cache.setConversation(tenant, ids.conversationId, conversation)
  return { user, conversation }
}

/** A cached id Botpress no longer knows (the user or conversation was deleted): worth one more cold path. */
const isStaleReference = (thrown: unknown) => {
  const cause = thrown instanceof HttpError ? thrown.cause : thrown
  return isApiErrorOf(cause, 'ReferenceNotFound', 'ResourceNotFound')
}

/**
 * Runs `write` with the Botpress user and conversation of `ids`. Known ones come from the cache, so a
 * known user in a known conversation costs only the write (plus a profile update, concurrently, when the
 * profile changed). When a cached id went stale, the entries are dropped and the cold path runs once.
 * `write` may throw raw API errors; they are answered as failures of `stepName`.
 */
export const withParties = async <T>(
  client: BotpressWriter,
  ids: PartyIds,
  cache: IdCache,
  tenant: Tenant,
  stepName: string,
  write: (parties: Parties) => Promise<T>
): Promise<{ parties: Parties; result: T }> => {
  const user = cache.user(tenant, ids.userId)
  const conversation = cache.conversation(tenant, ids.conversationId)
  if (user && conversation) {
    try {
      const [current, result] = await Promise.all([
        withProfile(client, user, ids.profile),
        write({ user, conversation }),
      ])
      if (current !== user) cache.setUser(tenant, ids.userId, current)
      return { parties: { user: current, conversation }, result }
    } catch (thrown) {
      if (!isStaleReference(thrown)) throw fromBotpressError(stepName, thrown)
      cache.forget(tenant, ids)
    }
  }
  // Both known but stale: resolve both again; otherwise reuse whichever one is known.
  const parties = await resolveParties(client, ids, user && conversation ? {} : { user, conversation }, cache, tenant)
  try {
    return { parties, result: await write(parties) }
  } catch (thrown) {
    throw fromBotpressError(stepName, thrown)
  }
}
