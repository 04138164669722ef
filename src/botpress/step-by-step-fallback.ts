import { BoundedCache } from '../bounded-cache'
import { tenantKey, type Tenant } from '../message-signal'
import { isApiErrorOf } from './botpress-errors'

export type { Tenant } from '../message-signal'

/**
 * What Botpress answers when `initializeIncomingMessage` may not be there for a bot: an API without the
 * operation (MethodNotFound, ResourceNotFound) or one that does not let a personal access token use it
 * (Forbidden). Botpress answers Forbidden to a token not allowed on the bot too, so none of these shows the
 * operation unavailable by itself. Any other failure is the caller's answer.
 */
export const mayLackOneCall = (thrown: unknown) =>
  isApiErrorOf(thrown, 'MethodNotFound', 'ResourceNotFound', 'Forbidden')

/**
 * The bots shown not to have `initializeIncomingMessage`: it was refused, then the step-by-step path (user
 * and conversation, then the message) worked with the same token. Their intake takes that path without
 * trying the one call first. Bounded and per process: a new instance tries the one call once more, which
 * costs one refused call.
 */
export class StepByStepBots {
  private readonly bots = new BoundedCache<string, true>({ max: 10_000, ttlMs: 60 * 60_000 })

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

const key = (tenant: Tenant) => tenantKey(tenant)
