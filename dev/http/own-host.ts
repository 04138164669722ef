import type { ServerResponse } from 'node:http'
/** Where every local server listens (dev/http/listen.ts). */
const LOOPBACK = '127.0.0.1'

/**
 * Whether a request names this server by its own loopback address. Any web page can have the browser send
 * requests here under the page's own host name, re-pointed at 127.0.0.1 (DNS rebinding), and read the
 * answers: the playground's stream opens with the unmasked token. The Host header gives such a request away.
 */
export const isOwnHost = (host: string | undefined, port: number): boolean =>
  host !== undefined && [`${LOOPBACK}:${port}`, `localhost:${port}`].includes(host.toLowerCase())

export const refuseForeignHost = (res: ServerResponse, port: number): void => {
  const message = `This local server answers only as http://${LOOPBACK}:${port} or http://localhost:${port}; a request naming another host is refused.`
  res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message }))
}
