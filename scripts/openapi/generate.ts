import { readFileSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { clientTypes } from './client-types'
import { CLIENT_TYPES_FILE, OPENAPI_FILE, SERVED_MODULE_FILE } from './paths'
import { servedModule } from './served-module'

// `npm run gen:openapi`: after a change to openapi.yaml, refreshes the files made from it.
// test/openapi-generated.test.ts fails while one of them is stale.
const main = async () => {
  const outputs = [
    [SERVED_MODULE_FILE, servedModule(readFileSync(OPENAPI_FILE, 'utf8'))],
    [CLIENT_TYPES_FILE, await clientTypes(OPENAPI_FILE)],
  ] as const
  for (const [file, text] of outputs) {
    writeFileSync(file, text)
    console.log(`wrote ${relative(process.cwd(), file)}`)
  }
}

void main()
