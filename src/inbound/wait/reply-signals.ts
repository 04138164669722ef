import { listenForBotMessages, type BotMessageNotice, type MessageBell, type Tenant } from '../../message-signal'

/**
 * The replies the bot sends on this instance to a waited message's conversation (the channel handler's signal,
 * `message-signal.ts`): each rings the `bell`, and is kept in `signalled` (id → creation time), so that the
 * replies read must hold it. Listening starts before the message is written, so that a quick bot is heard
 * too; what comes before the conversation is known counts once `written` names it.
 */
export type ReplySignals = {
  bell: MessageBell
  signalled: Map<string, number>
  written: (conversationId: string, createdAtMs: number) => void
}

export const listenForReplies = (tenant: Tenant, listen = listenForBotMessages): ReplySignals => {
  const heard: BotMessageNotice[] = []
  const signalled = new Map<string, number>()
  let ours: ((notice: BotMessageNotice) => boolean) | undefined
  const keep = (notice: BotMessageNotice) => !!signalled.set(notice.messageId, notice.createdAtMs)
  const bell = listen(tenant, undefined, (notice) => {
    if (!ours) return !heard.push(notice)
    return ours(notice) && keep(notice)
  })
  return {
    bell,
    signalled,
    written: (conversationId, createdAtMs) => {
      ours = (notice) => notice.conversationId === conversationId && notice.createdAtMs >= createdAtMs
      const early = heard.filter(ours)
      early.forEach(keep)
      if (early.length) bell.ring()
    },
  }
}
