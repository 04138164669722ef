/**
 * Same-instance wake-ups for reads that wait for the bot (long polling). The channel handler signals every
 * bot message Botpress hands to this instance, and the shared poll of the feed (`read/feed-watch.ts`) every
 * one it finds: a read waiting here then reads at once. What reaches another instance first is found by the
 * poll there, so a wait never depends on the message reaching its own instance.
 */
export type Tenant = { botId: string; integrationId: string }

/** The key of what is kept per bot and integration (and, within, per `parts`): one spelling for every cache. */
export const tenantKey = (tenant: Tenant, ...parts: (string | null)[]) =>
  JSON.stringify([tenant.botId, tenant.integrationId, ...parts])

/** A bot message of this integration: its Botpress conversation, id and creation time. */
export type BotMessageNotice = { conversationId: string; messageId: string; createdAtMs: number }

export type MessageBell = {
  /** True at the first notice wanted since the last wait (at once if one came meanwhile), false after `ms` without one. */
  wait: (ms: number) => Promise<boolean>
  /** Rings it as a wanted notice does: for a notice its listener heard before it knew to want it. */
  ring: () => void
  close: () => void
}

type Listener = (notice: BotMessageNotice) => void

/** Listeners by tenant, and by conversation within it; a key goes when its last listener does. */
const listeners = new Map<string, Set<Listener>>()

const keyOf = (tenant: Tenant, conversationId?: string) => tenantKey(tenant, conversationId ?? null)

/** A bot message of the tenant was written (or found): wakes the reads waiting for it on this instance. */
export const signalBotMessage = (tenant: Tenant, notice: BotMessageNotice): void => {
  for (const key of [keyOf(tenant), keyOf(tenant, notice.conversationId)]) {
    listeners.get(key)?.forEach((listener) => listener(notice))
  }
}

/**
 * Listens for the tenant's bot messages (in one Botpress conversation when given) that `wanted` accepts,
 * until closed.
 */
export const listenForBotMessages = (
  tenant: Tenant,
  conversationId: string | undefined,
  wanted: (notice: BotMessageNotice) => boolean = () => true
): MessageBell => {
  const key = keyOf(tenant, conversationId)
  let rung = false
  let wake: (() => void) | undefined
  const ring = () => {
    rung = true
    wake?.()
  }
  const listener: Listener = (notice) => {
    if (wanted(notice)) ring()
  }
  const set = listeners.get(key) ?? new Set()
  listeners.set(key, set.add(listener))
  return {
    wait: (ms) =>
      new Promise((resolve) => {
        if (rung || ms <= 0) {
          resolve(rung)
          rung = false
          return
        }
        const timer = setTimeout(() => {
          wake = undefined
          resolve(false)
        }, ms)
        wake = () => {
          clearTimeout(timer)
          wake = undefined
          rung = false
          resolve(true)
        }
      }),
    ring,
    close: () => {
      set.delete(listener)
      if (!set.size && listeners.get(key) === set) listeners.delete(key)
    },
  }
}

/** How many keys are listened to: a test checks that none is left behind. */
export const listenedKeys = (): number => listeners.size
