import type { IdCache } from '../id-cache'
import { resolveUser, type BotpressWriter } from '../inbound/parties'
import { validateInput } from './validate-input'

type Input = { userId: string; userName?: string }
type Props = { input: Input; ctx: { botId: string; integrationId: string }; client: BotpressWriter; cache: IdCache }

/**
 * Gets or creates the user for the back-end's user id, tagged exactly as intake tags it: what a bot once did
 * by creating a user with the integration's tags, which Botpress no longer offers.
 */
export const getOrCreateUser = async ({ input: raw, ctx, client, cache }: Props) => {
  const input = validateInput('getOrCreateUser', raw)
  const user = await resolveUser(client, input.userId, input.userName ? { name: input.userName } : {})
  // The user's next message then skips the lookup.
  cache.setUser(ctx, input.userId, user)
  return { botpressUserId: user.id }
}
