/**
 * Same-instance wake-ups for reads that wait for the bot (long polling). The channel handler signals every
 * bot message Botpress hands to this instance; a read waiting here then reads at once instead of at its next
 * poll. Another instance never hears it, so polling stays what guarantees the answer.
 */
export type Tenant = { botId: string; integrationId: string }

export type MessageBell = {
  /** True at the first signal since the last wait (at once if one came meanwhile), false after `ms` without one. */
  wait: (ms: number) => Promise<boolean>
  close: () => void
}

/** Listeners by tenant, and by conversation within it; a key goes when its last listener does. */
const listeners = new Map<string, Set<() => void>>()

const keyOf = (tenant: Tenant, conversationId?: string) =>
  JSON.stringify([tenant.botId, tenant.integrationId, conversationId ?? null])

/** A bot message was written in this Botpress conversation of the tenant. */
export const signalBotMessage = (tenant: Tenant, conversationId: string): void => {
  for (const key of [keyOf(tenant), keyOf(tenant, conversationId)]) listeners.get(key)?.forEach((wake) => wake())
}

/** Listens for the tenant's bot messages (in one Botpress conversation when given) until closed. */
export const listenForBotMessages = (tenant: Tenant, conversationId?: string): MessageBell => {
  const key = keyOf(tenant, conversationId)
  let rung = false
  let wake: (() => void) | undefined
  const listener = () => {
    rung = true
    wake?.()
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
    close: () => {
      set.delete(listener)
      if (!set.size && listeners.get(key) === set) listeners.delete(key)
    },
  }
}

/** How many keys are listened to: a test checks that none is left behind. */
export const listenedKeys = (): number => listeners.size
