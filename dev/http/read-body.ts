import type { IncomingMessage } from 'node:http'

/** Reads a request body as bytes, refusing more than `limitBytes`. */
export const readBytes = (req: IncomingMessage, limitBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limitBytes) {
        reject(new Error(`body over ${limitBytes} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

/** Reads a request body as text, refusing more than `limitBytes`. */
export const readBody = async (req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<string> =>
  (await readBytes(req, limitBytes)).toString('utf8')
