import { RuntimeError } from '@botpress/sdk'
import { reasonOf } from '../errors'

/**
 * Runs an action so that any failure reaches the bot as a RuntimeError naming the action and what went wrong
 * (the SDK turns other errors into a generic one). Messages of Botpress failures carry no secret.
 */
export const asAction = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run()
  } catch (thrown) {
    if (thrown instanceof RuntimeError) throw thrown
    throw new RuntimeError(`${name}: ${reasonOf(thrown)}`)
  }
}
