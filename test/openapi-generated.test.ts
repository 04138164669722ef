import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { clientTypes } from '../scripts/openapi/client-types'
import { CLIENT_TYPES_FILE, OPENAPI_FILE, SERVED_MODULE_FILE } from '../scripts/openapi/paths'
import { servedModule } from '../scripts/openapi/served-module'

// The files made from openapi.yaml are committed: the bundle serves one, the typed client example compiles
// against the other. Each must be what `npm run gen:openapi` writes from today's openapi.yaml.
const STALE = 'is stale: run `npm run gen:openapi` after changing openapi.yaml'

describe('the files generated from openapi.yaml', () => {
  it('the module the webhook serves the document from', () => {
    const expected = servedModule(readFileSync(OPENAPI_FILE, 'utf8'))
    expect(readFileSync(SERVED_MODULE_FILE, 'utf8') === expected, `${SERVED_MODULE_FILE} ${STALE}`).toBe(true)
  })

  it("the typed client example's types", async () => {
    const expected = await clientTypes(OPENAPI_FILE)
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8') === expected, `${CLIENT_TYPES_FILE} ${STALE}`).toBe(true)
  })
})
