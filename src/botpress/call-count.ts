/** What a counted client refuses once its calls are spent: the caller ends with what it has. */
export class CallsSpent extends Error {
  public constructor(max: number) {
    super(`the ${max} Botpress calls allowed here are spent`)
  }
}

/**
 * How many calls an operation has left. `spendable` is what is left once `reserve(n)` set n aside for a later
 * step (a read's walk leaves its lookups a few); `left` counts those too.
 */
export type CallCounter = {
  readonly made: number
  readonly left: number
  readonly spendable: number
  reserve: (calls: number) => void
}

/**
 * The one place that bounds how many Botpress calls an operation makes: a view of `client` whose method
 * calls count, and which refuses (CallsSpent, without calling Botpress) every call past `max`. The operation
 * asks the counter to plan its next call, and never counts by hand; the refusal is the guarantee. A count of
 * a counted client (a step given part of the calls) counts in both.
 */
export const countCalls = <T extends object>(client: T, max: number): { client: T; counter: CallCounter } => {
  let made = 0
  let reserved = 0
  const counter: CallCounter = {
    get made() {
      return made
    },
    get left() {
      return max - made
    },
    get spendable() {
      return max - made - reserved
    },
    reserve: (calls) => {
      reserved = calls
    },
  }
  const counted = new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (made >= max) return Promise.reject(new CallsSpent(max))
        made++
        return (value as (...args: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { client: counted, counter }
}
