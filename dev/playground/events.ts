import type { ServerResponse } from 'node:http'
import type { ActivityLog } from './activity-log'
import type { Hello } from './entries'

/**
 * A server-sent event stream: first `hello` with the whole log, then one `entry` event per new entry.
 * The browser reconnects on its own after a second when the stream breaks (e.g. `npm start` restarts).
 */
export const streamEvents = (res: ServerResponse, log: ActivityLog, hello: () => Omit<Hello, 'entries'>): void => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  res.write('retry: 1000\n\n')
  send('hello', { ...hello(), entries: log.snapshot() } satisfies Hello)
  const unsubscribe = log.subscribe((entry) => send('entry', entry))
  res.on('close', unsubscribe)
}
