import type { z } from '@botpress/sdk'
import type { Profile } from '../../botpress/parties'
import { HttpError, type FieldIssue } from '../../errors'

type RawIssue = { path: PropertyKey[]; message: string }

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

/** zod's issues as field paths and sentences that name the field (`payload.imageUrl is required`). */
const toFieldIssues = (issues: RawIssue[], prefix: string[] = []): FieldIssue[] =>
  issues.map(({ path, message }) => {
    const field = [...prefix, ...path.map(String)].join('.') || '(body)'
    return { path: field, message: `${field} ${message === 'Required' ? 'is required' : lowerFirst(message)}` }
  })

export const invalidBody = (issues: FieldIssue[]) =>
  new HttpError(400, 'invalid_body', `The request body is invalid: ${issues.map((i) => i.message).join('; ')}.`, issues)

/** `value` as `schema` reads it, or `400 invalid_body` naming each field it refused (under `prefix`). */
export const parseFields = <S extends z.ZodTypeAny>(schema: S, value: unknown, prefix: string[] = []): z.output<S> => {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalidBody(toFieldIssues(parsed.error.issues, prefix))
  return parsed.data
}

/** A JSON object: not null, not an array. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The body must be a JSON object before any field is looked at. */
export const requireObject = (body: unknown): object => {
  if (!isJsonObject(body)) {
    throw invalidBody([{ path: '(body)', message: 'The body must be a JSON object' }])
  }
  return body
}

export const profileOf = (body: { userName?: string; userPictureUrl?: string }): Profile => ({
  ...(body.userName !== undefined ? { name: body.userName } : {}),
  ...(body.userPictureUrl !== undefined ? { pictureUrl: body.userPictureUrl } : {}),
})
