import { resolveUser } from '../botpress/parties'
import type { ActionDeps } from './action-deps'
import { validateInput } from './validate-input'

/**
 * Gets or creates the user for the back-end's user id, tagged exactly as intake tags it: what a bot once did
 * by creating a user with the integration's tags, which Botpress no longer offers.
 */
export const getOrCreateUser = async ({ input: raw, client }: Pick<ActionDeps, 'input' | 'client'>) => {
  const input = validateInput('getOrCreateUser', raw)
  const user = await resolveUser(client, input.userId, input.userName ? { name: input.userName } : {})
  return { botpressUserId: user.id }
}
