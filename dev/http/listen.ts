import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isOwnHost, refuseForeignHost } from './own-host'

/** Every server of the local stack and the tests listens here only: nothing is reachable from the network. */
export const LOOPBACK = '127.0.0.1'

/** Starts listening on 127.0.0.1 (port 0 picks a free one) and says clearly when the port is taken. */
export const listen = (server: Server, port: number, name: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} for the ${name} is already in use. Stop what uses it or choose another port.`)
          : error
      )
    }
    server.once('error', onError)
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })

export const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

/** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes what is left. */
export const closeGracefully = (server: Server, graceMs: number): Promise<void> =>
  new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    server.closeIdleConnections()
  })

/** An SDK Integration or Bot: `start` creates its HTTP server. */
type SdkServer = { start: (port?: number) => Promise<Server> }

/**
 * Starts an SDK server (the integration or a bot) on 127.0.0.1 only, and resolves once it listens. The SDK's
 * `start(port)` listens on every interface, but hands its argument to `server.listen` as is, which also takes
 * `{ port, host }`; test/start.e2e.test.ts checks the address every process listens on.
 */
export const startOnLoopback = async (app: SdkServer, port: number): Promise<Server> => {
  const server = await app.start({ port, host: LOOPBACK } as unknown as number)
  if (!server.listening) {
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject))
  }
  answerOwnHostOnly(server)
  return server
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Puts the Host check of dev/http/own-host.ts in front of a server's own handlers (the SDK's), so that no
 * web page can reach it through DNS rebinding.
 */
export const answerOwnHostOnly = (server: Server): void => {
  const { port } = server.address() as AddressInfo
  const handlers = server.listeners('request') as RequestListener[]
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isOwnHost(req.headers.host, port)) return refuseForeignHost(res, port)
    for (const handle of handlers) handle.call(server, req, res)
  })
}
