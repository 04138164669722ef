import { randomUUID } from 'node:crypto'
import { newId } from './ids'

/** A file of the Files API as the local cloud keeps it: its record, and its bytes once uploaded. */
export type StoredFile = {
  id: string
  botId: string
  key: string
  size: number
  contentType: string
  tags: Record<string, string>
  accessPolicies: ('integrations' | 'public_content')[]
  expiresAt?: string
  /** Then the upload must carry `x-amz-tagging: public=true`, as the definition says. */
  publicContentImmediatelyAccessible: boolean
  createdAt: string
  updatedAt: string
  /** Where the bytes are PUT (a secret path, as Botpress's pre-signed URL is) and where they are served. */
  uploadToken: string
  bytes?: Buffer
}

export type UpsertFileInput = {
  key: string
  size: number
  contentType?: string
  tags?: Record<string, string>
  accessPolicies?: StoredFile['accessPolicies']
  expiresAt?: string
  publicContentImmediatelyAccessible?: boolean
}

/** Paths the local cloud serves files under (`local-cloud.ts`). */
export const UPLOAD_PATH = '/file-uploads'
export const FILE_PATH = '/files'

/**
 * Every bot's files, as Botpress Files keeps them: `upsertFile` answers a URL to PUT the bytes to, and the
 * file's URL, which serves them with their content type once uploaded. The upload is held to the declared size.
 */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>()
  private readonly byToken = new Map<string, StoredFile>()

  public upsert(botId: string, input: UpsertFileInput): StoredFile {
    const existing = [...this.byId.values()].find((f) => f.botId === botId && f.key === input.key)
    const time = new Date().toISOString()
    const file: StoredFile = {
      id: existing?.id ?? newId('file'),
      botId,
      key: input.key,
      size: input.size,
      contentType: input.contentType ?? 'application/octet-stream',
      tags: { ...input.tags },
      accessPolicies: input.accessPolicies ?? [],
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      publicContentImmediatelyAccessible: input.publicContentImmediatelyAccessible ?? false,
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
      uploadToken: randomUUID(),
    }
    if (existing) this.byToken.delete(existing.uploadToken)
    this.byId.set(file.id, file)
    this.byToken.set(file.uploadToken, file)
    return file
  }

  /**
   * Stores the bytes PUT to a file's upload URL; the reason when refused. A pre-signed URL is signed for the
   * file's content type, and for the tagging header of a file readable at once: an upload without them fails.
   */
  public upload(
    token: string,
    bytes: Buffer,
    headers: Record<string, string | string[] | undefined>
  ): string | undefined {
    const file = this.byToken.get(token)
    if (!file) return 'no such upload URL'
    if (headers['content-type'] !== file.contentType) return `the upload's Content-Type is not ${file.contentType}`
    if (file.publicContentImmediatelyAccessible && headers['x-amz-tagging'] !== 'public=true') {
      return 'the upload lacks x-amz-tagging: public=true'
    }
    if (bytes.length !== file.size) return `the upload is ${bytes.length} bytes; ${file.size} were declared`
    file.bytes = bytes
    return undefined
  }

  /** A file whose bytes are served at its URL: public, uploaded, not expired. */
  public served(id: string): StoredFile | undefined {
    const file = this.byId.get(id)
    const expired = file?.expiresAt !== undefined && Date.parse(file.expiresAt) < Date.now()
    return file?.bytes && file.accessPolicies.includes('public_content') && !expired ? file : undefined
  }

  public get(id: string): StoredFile | undefined {
    return this.byId.get(id)
  }
}

/** The record `upsertFile` answers, as the Files API describes it. */
export const fileRecord = (file: StoredFile, baseUrl: string) => ({
  id: file.id,
  botId: file.botId,
  key: file.key,
  url: `${baseUrl}${FILE_PATH}/${file.id}`,
  size: file.size,
  contentType: file.contentType,
  tags: file.tags,
  metadata: {},
  createdAt: file.createdAt,
  updatedAt: file.updatedAt,
  accessPolicies: file.accessPolicies,
  index: false,
  status: file.bytes ? ('upload_completed' as const) : ('upload_pending' as const),
  ...(file.expiresAt ? { expiresAt: file.expiresAt } : {}),
  owner: { type: 'bot' as const, id: file.botId },
  uploadUrl: `${baseUrl}${UPLOAD_PATH}/${file.uploadToken}`,
})
