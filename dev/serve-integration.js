// Entry point of the integration's own process: the bundle `bp build` made, as Botpress deploys it.
const { resolve } = require('node:path')
require(resolve(__dirname, '..', '.botpress', 'dist', 'index.js')).default.start(Number(process.env.PORT))
// Exit cleanly when `npm start` or the benchmark stops this process (lets `--cpu-prof` write its profile).
process.on('SIGTERM', () => process.exit(0))
