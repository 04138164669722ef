import type { IdCache } from '../id-cache'
import { withParties, type BotpressWriter } from '../inbound/parties'
import { validateInput } from './validate-input'

type Input = { userId: string; conversationId: string; userName?: string }
type Props = { input: Input; ctx: { botId: string; integrationId: string }; client: BotpressWriter; cache: IdCache }

/**
 * Gets or creates the user and conversation for the back-end's ids, tagged exactly as intake tags them,
 * so the bot can send the first message and its replies reach the endpoint with that `conversationId`.
 */
export const startConversation = async ({ input: raw, ctx, client, cache }: Props) => {
  const input = validateInput('startConversation', raw)
  const profile = input.userName ? { name: input.userName } : {}
  const { parties } = await withParties(client, { ...input, profile }, cache, ctx, 'starting the conversation', () =>
    Promise.resolve()
  )
  return { botpressUserId: parties.user.id, botpressConversationId: parties.conversation.id }
}
