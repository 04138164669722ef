import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { close, listen } from '../../dev/http/listen'
import { readBody } from '../../dev/http/read-body'
import { openApiConformance } from './openapi-conformance'

/** What the receiver does with one attempt. */
export type Behaviour =
  | { kind: 'answer'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  /** Processes the delivery, then answers too late: the sender times out and retries a delivery already taken. */
  | { kind: 'late' }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  /** Hostile: sends its answer 16 bytes every 250 ms and never ends it, in the status line's headers or after them. */
  | { kind: 'trickle'; where: 'head' | 'body' }
  /** Hostile: answers `status`, then a body without end, as fast as the connection takes it. */
  | { kind: 'endless'; status: number }

/** Writes 16 bytes every 250 ms until the connection closes: the head's header lines, or a chunked body after it. */
const trickle = (socket: Socket, where: 'head' | 'body') => {
  socket.write(where === 'head' ? 'HTTP/1.1 200 OK\r\n' : 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')
  const piece = where === 'head' ? 'x-trickle: 012\r\n' : 'b\r\n0123456789a\r\n'
  const timer = setInterval(() => socket.write(piece), 250)
  socket.on('close', () => clearInterval(timer)).on('error', () => clearInterval(timer))
}

const CHUNK = Buffer.alloc(64 * 1024, 'x')

/** Writes the body as fast as the reader takes it, until the connection closes. */
const endless = (res: ServerResponse) => {
  const pump = () => {
    while (!res.destroyed && res.write(CHUNK));
  }
  res.on('drain', pump).on('error', () => {})
  pump()
}

export type Attempt = { id: string; at: number; behaviour: Behaviour; headers: IncomingHttpHeaders; raw: string }

export const ok: Behaviour = { kind: 'answer', status: 200 }

/**
 * A programmable response endpoint: `plan(n, id)` picks the behaviour of the n-th attempt (1-based) of
 * delivery `id`. Like a careful receiver, it deduplicates by `webhook-id`: `accepted` holds each delivery
 * once, `duplicates` counts deliveries it had already accepted. Every attempt is judged by openapi.yaml.
 */
export const startFaultReceiver = async (plan: (attempt: number, id: string) => Behaviour) => {
  const attempts: Attempt[] = []
  const accepted = new Map<string, Attempt>()
  let duplicates = 0
  const server = createServer(async (req, res) => {
    const raw = await readBody(req)
    const id = String(req.headers['webhook-id'])
    const attempt = attempts.filter((a) => a.id === id).length + 1
    const behaviour = plan(attempt, id)
    const record = { id, at: Date.now(), behaviour, headers: req.headers, raw }
    attempts.push(record)
    openApiConformance.delivery(record)
    const accept = () => {
      if (accepted.has(id)) duplicates += 1
      else accepted.set(id, record)
    }
    switch (behaviour.kind) {
      case 'hang':
        return // never answers; the sender's timeout ends it
      case 'late':
        accept()
        return
      case 'reset':
        return req.socket.destroy()
      case 'slow':
        await new Promise((r) => setTimeout(r, behaviour.ms))
        accept()
        return void res.writeHead(200).end()
      case 'answer':
        if (behaviour.status < 300) accept()
        return void res.writeHead(behaviour.status, behaviour.headers).end()
      case 'trickle':
        accept()
        return trickle(req.socket, behaviour.where)
      case 'endless':
        if (behaviour.status < 300) accept()
        return endless(res.writeHead(behaviour.status))
    }
  })
  const port = await listen(server, 0, 'fault receiver')
  return {
    url: `http://127.0.0.1:${port}/hook`,
    attempts,
    accepted,
    duplicates: () => duplicates,
    close: () => close(server),
  }
}
