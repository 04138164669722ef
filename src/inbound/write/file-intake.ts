import { randomUUID } from 'node:crypto'
import type { Client } from '@botpress/client'
import { LIMITS } from '../../../definitions/limits'
import type { Request } from '@botpress/sdk'
import { HttpError, jsonResponse } from '../../errors'
import { readJsonBody } from '../request/read-body'
import { step } from '../../botpress/botpress-errors'
import { requireObject, parseFields } from '../request/field-issues'
import { fileRequestSchema } from '../request/request-schemas'

export type FileWriter = Pick<Client, 'upsertFile'>

/** Every key this integration makes is under it: the back-end's `name` is a label (a tag), never a path. */
export const FILE_KEY_PREFIX = 'messaging-api/uploads/'

const DAY_MS = 24 * 60 * 60_000
const CLOCK_MARGIN_MS = 5 * 60_000

/**
 * Botpress asks this header of an upload whose file is readable as soon as it is uploaded
 * (`publicContentImmediatelyAccessible`), beside the content type the file was declared with.
 */
const uploadHeadersFor = (contentType: string) => ({ 'Content-Type': contentType, 'x-amz-tagging': 'public=true' })

export type FileRequest = { name: string; contentType: string; size: number; expiresInDays?: number }

/** Validates a parsed JSON body sent to `/files`; a declared size over the cap is 413, before anything else. */
export const parseFileRequest = (body: unknown): FileRequest => {
  const object = requireObject(body)
  const { size } = object as { size?: unknown }
  if (typeof size === 'number' && size > LIMITS.fileBytes) {
    throw new HttpError(
      413,
      'file_too_large',
      `size is ${size} bytes; a file may be at most ${LIMITS.fileBytes} bytes (50 MiB).`
    )
  }
  return parseFields(fileRequestSchema, object)
}

/**
 * Creates a file in Botpress Files (one `upsertFile` call, with the caller's client), public to anyone with
 * its URL and kept `expiresInDays`: answers where to PUT the bytes, with which headers, and the URL to send
 * in an image, audio, video or file message. The integration never fetches a URL a caller gives.
 */
export const requestUpload = async (client: FileWriter, input: FileRequest) => {
  const days = input.expiresInDays ?? LIMITS.fileDays.default
  // At Botpress's own limit, a few minutes short of it: its clock may be behind this instance's.
  const margin = days === LIMITS.fileDays.max ? CLOCK_MARGIN_MS : 0
  const expiresAt = new Date(Date.now() + days * DAY_MS - margin).toISOString()
  const { file } = await step('creating the file', () =>
    client.upsertFile({
      key: `${FILE_KEY_PREFIX}${randomUUID()}`,
      size: input.size,
      contentType: input.contentType,
      accessPolicies: ['public_content'],
      publicContentImmediatelyAccessible: true,
      expiresAt,
      tags: { name: input.name },
    })
  )
  return {
    url: file.url,
    uploadUrl: file.uploadUrl,
    // The content type Botpress kept, which it signed the upload URL for.
    uploadHeaders: uploadHeadersFor(file.contentType || input.contentType),
    expiresAt: file.expiresAt ?? expiresAt,
  }
}

/** `POST {webhook URL}/files`: an upload URL for a file the back-end holds. */
export const answerFile = async ({ req, writer }: { req: Request; writer: { client: FileWriter } }) =>
  jsonResponse(201, await requestUpload(writer.client, parseFileRequest(readJsonBody(req))))
