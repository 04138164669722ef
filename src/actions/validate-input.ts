import { RuntimeError, type z } from '@botpress/sdk'
import { actions } from '../../definitions/actions'

type ActionName = keyof typeof actions

/**
 * Checks an action's input against the schema its definition declares, so a bot calling it with bad
 * input gets a message naming each field rather than a half-done action.
 */
export const validateInput = <Name extends ActionName>(
  name: Name,
  input: unknown
): z.infer<(typeof actions)[Name]['input']['schema']> => {
  const parsed = actions[name].input.schema.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    throw new RuntimeError(`${name}: invalid input (${problems.join('; ')}).`)
  }
  return parsed.data
}
