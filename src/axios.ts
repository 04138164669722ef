import type { AxiosStatic } from 'axios'
import type * as AxiosRetry from 'axios-retry'

// The bundle's one axios and one axios-retry: the CommonJS builds that both Botpress clients require. An ES
// `import` of either would bundle their ES modules beside them, a second copy for every fresh instance to
// load (for axios, about 10 ms and 5 MiB). `require` resolves them as the clients do.
/* eslint-disable @typescript-eslint/no-require-imports */
export const axios: AxiosStatic = require('axios')
const retry: typeof AxiosRetry = require('axios-retry')
/* eslint-enable @typescript-eslint/no-require-imports */

export const axiosRetry = retry.default
export const retryAfter = retry.retryAfter
