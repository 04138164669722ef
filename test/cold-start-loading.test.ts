import { resolve } from 'node:path'
import { build, type Metafile } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')

/**
 * The integration's module graph as esbuild bundles it (what `bp build` runs). In the bundle, a module reached
 * from the entry without an `import()` runs when the bundle loads; one reached only through an `import()`
 * is a closure that runs when that `import()` is first awaited.
 */
let inputs: Metafile['inputs']
const loadedAtStart = new Set<string>()

const visit = (path: string) => {
  if (loadedAtStart.has(path)) return
  loadedAtStart.add(path)
  for (const edge of inputs[path]?.imports ?? []) {
    if (edge.kind !== 'dynamic-import' && !edge.external) visit(edge.path)
  }
}

beforeAll(async () => {
  const { metafile } = await build({
    entryPoints: ['src/index.ts'],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
  })
  inputs = metafile.inputs
  visit('src/index.ts')
})

/**
 * What a fresh instance's first answer (a message, no wait) does not need. Modules of the webhook are named by
 * file, wherever they sit under src/inbound/ or src/botpress/; the rest by path prefix.
 */
const DEFERRED = [
  'src/outbound/',
  'src/register.ts',
  'src/actions/send-event.ts',
  'src/actions/start-conversation.ts',
  'src/actions/get-or-create-user.ts',
  'read-messages.ts',
  'forward-walk.ts',
  'collect-replies.ts',
  'turn-rivals.ts',
  'turn-replies.ts',
  'bot-status.ts',
  'event-intake.ts',
  'openapi-document.generated.ts',
  'node_modules/request-filtering-agent/',
  'node_modules/ipaddr.js/',
  'node_modules/standardwebhooks/',
]

/** What a message's first answer needs, named the same way. */
const AT_START = ['webhook.ts', 'intake.ts', 'parties.ts', 'parse-message.ts', 'client-pool.ts']

const matches = (path: string, name: string) =>
  name.startsWith('src/') || name.startsWith('node_modules/')
    ? path.startsWith(name)
    : (path.startsWith('src/inbound/') || path.startsWith('src/botpress/')) && path.endsWith(`/${name}`)

describe('what a fresh instance loads before its first answer', () => {
  it.each(DEFERRED)('loads %s only when first used', (name) => {
    const bundled = Object.keys(inputs).filter((path) => matches(path, name))
    expect(bundled.length).toBeGreaterThan(0)
    expect(bundled.filter((path) => loadedAtStart.has(path))).toEqual([])
  })

  it("loads a message's own path at start, with today's Botpress client", () => {
    for (const name of AT_START) {
      expect(
        [...loadedAtStart].filter((path) => matches(path, name)),
        name
      ).toHaveLength(1)
    }
    expect(loadedAtStart).toContain('node_modules/@botpress/client/dist/index.cjs')
  })

  it('bundles one zod, the SDK’s, and one axios, the CommonJS build both Botpress clients require', () => {
    const bundled = Object.keys(inputs)
    expect(bundled.filter((path) => path.startsWith('node_modules/zod/'))).toEqual([])
    expect(bundled.filter((path) => /node_modules\/axios(-retry)?\//.test(path))).toEqual([
      'node_modules/axios/dist/node/axios.cjs',
      'node_modules/axios-retry/dist/cjs/index.js',
    ])
  })
})
