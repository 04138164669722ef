import { createServer, type IncomingHttpHeaders } from 'node:http'
import { close, listen } from '../../dev/http/listen'
import { readBody } from '../../dev/http/read-body'

export type Received = { headers: IncomingHttpHeaders; body: Record<string, unknown>; raw: string }

/** A response endpoint for tests: records every POST and answers with `status` (settable). */
export const startReceiver = async () => {
  const received: Received[] = []
  let status = 200
  const server = createServer(async (req, res) => {
    const raw = await readBody(req)
    received.push({ headers: req.headers, body: raw ? JSON.parse(raw) : {}, raw })
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}')
  })
  const port = await listen(server, 0, 'receiver')
  return {
    url: `http://127.0.0.1:${port}/replies`,
    received,
    answerWith: (next: number) => {
      status = next
    },
    close: () => close(server),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>
