// Entry point of the integration's own process: the bundle `bp build` made, as Botpress deploys it.
const { resolve } = require('node:path')
const integration = require(resolve(__dirname, '..', '.botpress', 'dist', 'index.js')).default
// On 127.0.0.1 only, as dev/http/listen.ts's startOnLoopback: the SDK hands this to `server.listen` as is.
// Answers only requests that name it by its loopback address (dev/http/own-host.ts: no DNS rebinding).
void integration.start({ port: Number(process.env.PORT), host: '127.0.0.1' }).then((server) => {
  const whenListening = server.listening ? Promise.resolve() : new Promise((r) => server.once('listening', r))
  return whenListening.then(() => {
    const { port } = server.address()
    const own = [`127.0.0.1:${port}`, `localhost:${port}`]
    const handlers = server.listeners('request')
    server.removeAllListeners('request')
    server.on('request', (req, res) => {
      if (!own.includes(String(req.headers.host).toLowerCase())) {
        const message = `This local server answers only as http://127.0.0.1:${port} or http://localhost:${port}; a request naming another host is refused.`
        return res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message }))
      }
      for (const handle of handlers) handle.call(server, req, res)
    })
  })
})
// Exit cleanly when `npm start` or the benchmark stops this process (lets `--cpu-prof` write its profile).
process.on('SIGTERM', () => process.exit(0))
