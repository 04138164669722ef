import { LRUCache } from 'lru-cache'
import { isApiErrorOf } from './botpress-errors'

export type Tenant = { botId: string; integrationId: string }

/**
 * What Botpress answers when `initializeIncomingMessage` is not there for a caller: an API without the
 * operation (MethodNotFound) or a token not allowed to use it (Forbidden). Any other failure is the caller's answer.
 */
export const isOneCallUnavailable = (thrown: unknown) => isApiErrorOf(thrown, 'MethodNotFound', 'Forbidden')

/**
 * The bots for which Botpress refused `initializeIncomingMessage`: their intake takes the step-by-step path
 * (user and conversation, then the message) without trying the one call first. Bounded and per process:
 * a new instance tries the one call once more, which costs one refused call.
 */
export class StepByStepBots {
  private readonly bots = new LRUCache<string, true>({ max: 10_000, ttl: 60 * 60_000 })

  public has(tenant: Tenant): boolean {
    return this.bots.has(key(tenant))
  }

  /** Remembers the bot; true the first time, so the fallback is logged once. */
  public add(tenant: Tenant): boolean {
    const isNew = !this.bots.has(key(tenant))
    this.bots.set(key(tenant), true)
    return isNew
  }
}

const key = ({ botId, integrationId }: Tenant) => JSON.stringify([botId, integrationId])
