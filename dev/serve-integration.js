// Entry point of the integration's own process: the bundle `bp build` made, as Botpress deploys it.
const { resolve } = require('node:path')
require(resolve(__dirname, '..', '.botpress', 'dist', 'index.js')).default.start(Number(process.env.PORT))
