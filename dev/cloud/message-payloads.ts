import Ajv, { type ValidateFunction } from 'ajv'
import { channels, CHANNEL } from '../../definitions'

/**
 * The channel's message types with their payload schemas as the CLI deploys them (JSON Schema): Botpress
 * refuses a message whose payload breaks them, unknown fields included, so the local cloud does too.
 */
const ajv = new Ajv({ strict: false, allErrors: true })
const validators = new Map<string, ValidateFunction>(
  Object.entries(channels[CHANNEL].messages).map(([type, { schema }]) => [type, ajv.compile(schema.toJsonSchema())])
)

const MESSAGE_TYPES = [...validators.keys()]

/** Why a payload is not valid for `type`, or undefined when it is. */
export const payloadProblem = (type: string, payload: unknown): string | undefined => {
  const validate = validators.get(type)
  if (!validate) return `Message type "${type}" is not declared by the channel; use one of ${MESSAGE_TYPES}`
  if (validate(payload)) return undefined
  return `Message payload does not match type "${type}": ${ajv.errorsText(validate.errors, { dataVar: 'payload' })}`
}
