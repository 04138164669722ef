// Entry point of the integration's own process: the bundle `bp build` made, as Botpress deploys it.
const { resolve } = require('node:path')
const integration = require(resolve(__dirname, '..', '.botpress', 'dist', 'index.js')).default
// On 127.0.0.1 only, as dev/http/listen.ts's startOnLoopback: the SDK hands this to `server.listen` as is.
integration.start({ port: Number(process.env.PORT), host: '127.0.0.1' })
// Exit cleanly when `npm start` or the benchmark stops this process (lets `--cpu-prof` write its profile).
process.on('SIGTERM', () => process.exit(0))
