import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** Resolves a free port for 0, and says clearly when a chosen port is taken. */
export const claimPort = (port: number, name: string): Promise<number> =>
  new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} for the ${name} is already in use. Stop what uses it or choose another port.`)
          : error
      )
    )
    probe.listen(port, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number }
      probe.close(() => done(free))
    })
  })

const waitForHealth = async (url: string, child: ChildProcess, name: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The ${name} exited with code ${child.exitCode} before starting.`)
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`The ${name} did not answer ${url}/health within ${timeoutMs} ms.`)
}

/** The SDK's servers announce every request; these lines say nothing a user of `npm start` needs. */
const CHATTER = /^(Listening on port|Received (event|[a-z_]+ operation))/

/**
 * Runs an SDK server (the integration bundle or the demo bot) in its own process, as Botpress runs
 * them apart, and resolves once it answers `/health`. The process listens on the port in `PORT`.
 */
export const startServerProcess = async (options: {
  name: string
  port: number
  args: string[]
  env: Record<string, string>
  log: (line: string) => void
}) => {
  const port = await claimPort(options.port, options.name)
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() && !CHATTER.test(line)) options.log(line)
      }
    })
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, child, options.name)
  } catch (error) {
    child.kill()
    throw error
  }
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}
