import { isJsonObject } from './field-issues'

/**
 * The paths of `input` that a schema's parse dropped from `parsed`: fields the message type does not have.
 * Botpress refuses them (its schemas allow no other fields), so the webhook names them first. Its recursion
 * is bounded: the body was refused before this when nested deeper than LIMITS.jsonDepth (read-body.ts).
 */
export const unknownFields = (input: unknown, parsed: unknown, path: string): string[] => {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, i) => unknownFields(item, parsed[i], `${path}.${i}`))
  }
  if (!isJsonObject(input) || !isJsonObject(parsed)) return []
  return Object.keys(input).flatMap((key) =>
    // Own fields only: `in` would also find `constructor`, `toString` or `__proto__` on any object.
    Object.hasOwn(parsed, key) ? unknownFields(input[key], parsed[key], `${path}.${key}`) : [`${path}.${key}`]
  )
}
