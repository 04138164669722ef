import { resolveParties } from '../botpress/parties'
import type { ActionDeps } from './action-deps'
import { validateInput } from './validate-input'

/**
 * Gets or creates the user and conversation for the back-end's ids, tagged exactly as intake tags them
 * (and in the same one call), so the bot can send the first message and its replies reach the endpoint
 * with that `conversationId`.
 */
export const startConversation = async ({ input: raw, writer }: Pick<ActionDeps, 'input' | 'writer'>) => {
  const input = validateInput('startConversation', raw)
  const profile = input.userName ? { name: input.userName } : {}
  const { user, conversation } = await resolveParties(writer, { ...input, profile })
  return { botpressUserId: user.id, botpressConversationId: conversation.id }
}
