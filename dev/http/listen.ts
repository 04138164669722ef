import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

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
    server.listen(port, '127.0.0.1', () => {
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
