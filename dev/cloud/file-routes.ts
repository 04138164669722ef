import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBytes } from '../http/read-body'
import { FILE_PATH, UPLOAD_PATH, type FileStore } from './file-store'

/** The most bytes one upload may carry here: above any size the integration lets a back-end declare. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024

const text = (res: ServerResponse, status: number, message: string) =>
  void res.writeHead(status, { 'content-type': 'text/plain' }).end(message)

/**
 * Botpress Files' two URLs, as the local cloud serves them: `PUT {uploadUrl}` stores the bytes (held to the
 * declared size, as a pre-signed upload is), and `GET {url}` serves them with their content type.
 */
export const serveFile = async (files: FileStore, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const path = (req.url ?? '').split('?')[0]!
  if (path.startsWith(`${UPLOAD_PATH}/`)) {
    if (req.method !== 'PUT') return text(res, 405, 'PUT the bytes to an upload URL')
    const bytes = await readBytes(req, MAX_UPLOAD_BYTES).catch(() => undefined)
    if (!bytes) return text(res, 413, 'too large')
    const refused = files.upload(path.slice(UPLOAD_PATH.length + 1), bytes, req.headers)
    return refused ? text(res, 403, refused) : void res.writeHead(200).end()
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'GET a file')
  const file = files.served(path.slice(FILE_PATH.length + 1))
  if (!file?.bytes) return text(res, 404, 'no such file')
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) })
  res.end(req.method === 'HEAD' ? undefined : file.bytes)
}
