/** What a counted client refuses once its calls are spent: the caller ends with what it has. */
export class CallsSpent extends Error {
  public constructor(max: number) {
    super(`the ${max} Botpress calls allowed here are spent`)
  }
}

export type CallCounter = { readonly made: number; readonly left: number }

/**
 * The one place that bounds how many Botpress calls an operation makes: a view of `client` whose method
 * calls count, and which refuses (CallsSpent, without calling Botpress) every call past `max`. The operation
 * asks `counter.left` to plan its next call; the refusal is the guarantee.
 */
export const countCalls = <T extends object>(client: T, max: number): { client: T; counter: CallCounter } => {
  let made = 0
  const counter = {
    get made() {
      return made
    },
    get left() {
      return max - made
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
