import type { Client, Conversation, Message, User } from '@botpress/client'
import { CHANNEL } from '../../definitions/name'
import { fromBotpressError, step } from './botpress-errors'
import { mayLackOneCall, type StepByStepBots, type Tenant } from './step-by-step-fallback'

/** The Botpress calls the webhook makes to write (and wait): with a client built from the caller's token, or the integration's own. */
export type BotpressWriter = Pick<
  Client,
  | 'initializeIncomingMessage'
  | 'getOrCreateUser'
  | 'getOrCreateConversation'
  | 'getOrCreateMessage'
  | 'listMessages'
  | 'listEvents'
  | 'getEvent'
  | 'listConversations'
  | 'updateUser'
  | 'createEvent'
  | 'getState'
  | 'setState'
  | 'upsertFile'
>

/** Who writes, for which bot, and where a fallback is remembered and told. */
export type Writer = {
  client: BotpressWriter
  tenant: Tenant
  stepByStep: StepByStepBots
  log: (message: string) => void
}

/** The user's profile as sent; absent fields are not changed in Botpress. */
export type Profile = { name?: string; pictureUrl?: string }

/** The back-end's ids of who speaks where, and the profile it sent. */
export type PartyIds = { userId: string; conversationId: string; profile: Profile }

/** A user message to get or create, keyed by the back-end's `messageId`, with the intake's other tags. */
export type NewMessage = {
  messageId: string
  type: string
  payload: Record<string, unknown>
  tags: Record<string, string>
}

export type Parties = { user: User; conversation: Conversation }

/** Records are found by the back-end's id alone (tag `id`), whatever other tags they carry or are given. */
const byIdTag = (id: string, otherTags: Record<string, string> = {}) => ({
  tags: { ...otherTags, id },
  discriminateByTags: ['id'],
})

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
    client.getOrCreateUser({ ...byIdTag(userId), ...profile })
  )
  return withProfile(client, user, profile)
}

/** One call, one round trip: the user, the conversation and (when given) the message, each got or created. */
const inOneCall = (client: BotpressWriter, ids: PartyIds, message?: NewMessage) =>
  client.initializeIncomingMessage({
    user: { ...byIdTag(ids.userId), ...ids.profile },
    conversation: { channel: CHANNEL, ...byIdTag(ids.conversationId) },
    ...(message && {
      message: { ...byIdTag(message.messageId, message.tags), type: message.type, payload: message.payload },
    }),
  })

/** Where Botpress refuses the one call: the user and the conversation at once, then the message. */
const stepByStep = async (client: BotpressWriter, ids: PartyIds, message?: NewMessage) => {
  const [{ user }, { conversation }] = await Promise.all([
    step('finding or creating the user', () => client.getOrCreateUser({ ...byIdTag(ids.userId), ...ids.profile })),
    step('finding or creating the conversation', () =>
      client.getOrCreateConversation({ channel: CHANNEL, ...byIdTag(ids.conversationId) })
    ),
  ])
  if (!message) return { user, conversation }
  const { message: written } = await step('creating the message', () =>
    client.getOrCreateMessage({
      ...byIdTag(message.messageId, message.tags),
      type: message.type,
      payload: message.payload,
      userId: user.id,
      conversationId: conversation.id,
    })
  )
  return { user, conversation, message: written }
}

type Resolved = Parties & { message?: Message }

/**
 * The one call, or the step-by-step path where Botpress refuses it. A refusal may be this caller's alone (a
 * stranger's token is refused there too), so the bot is remembered for the step-by-step path, and the owner
 * told once, only when that path then works with the same token.
 */
const oneCallOrSteps = async (writer: Writer, ids: PartyIds, message?: NewMessage): Promise<Resolved> => {
  const { client, tenant, stepByStep: fallback } = writer
  try {
    return await inOneCall(client, ids, message)
  } catch (thrown) {
    if (!mayLackOneCall(thrown)) {
      throw fromBotpressError(
        message ? 'creating the message' : 'finding or creating the user and conversation',
        thrown
      )
    }
  }
  const resolved = await stepByStep(client, ids, message)
  if (fallback.add(tenant)) {
    writer.log(
      `Botpress refused initializeIncomingMessage for bot ${tenant.botId}; this instance writes its messages step by step.`
    )
  }
  return resolved
}

/**
 * Gets or creates the Botpress user and conversation of `ids`, and the message when one is given, in one
 * Botpress call whatever this instance has seen before; step by step for a bot where Botpress was shown not
 * to have that call. A profile that differs from the user's costs one `updateUser`.
 */
export const resolveParties = async (writer: Writer, ids: PartyIds, message?: NewMessage): Promise<Resolved> => {
  const resolved = writer.stepByStep.has(writer.tenant)
    ? await stepByStep(writer.client, ids, message)
    : await oneCallOrSteps(writer, ids, message)
  return { ...resolved, user: await withProfile(writer.client, resolved.user, ids.profile) }
}
