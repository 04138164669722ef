import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ServerResponse } from 'node:http'
import { build } from 'esbuild'

const PAGE = join(__dirname, 'page')

// The page loads nothing from elsewhere but the bot's media, which may point anywhere.
const SECURITY = {
  'content-security-policy': "default-src 'self'; img-src * data:; media-src *; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
}

let compiled: Promise<string> | undefined

/** The page's script, compiled from TypeScript once per process, on first request. */
const script = (): Promise<string> => {
  compiled ??= build({
    entryPoints: [join(PAGE, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox120'],
  }).then((result) => result.outputFiles[0]!.text)
  return compiled
}

const FILES: Record<string, { type: string; load: () => Promise<string> }> = {
  '': { type: 'text/html; charset=utf-8', load: () => readFile(join(PAGE, 'index.html'), 'utf8') },
  '/style.css': { type: 'text/css; charset=utf-8', load: () => readFile(join(PAGE, 'style.css'), 'utf8') },
  '/main.js': { type: 'text/javascript; charset=utf-8', load: script },
  // The demo bot's sample image, served here so the playground shows it offline.
  '/sample.svg': { type: 'image/svg+xml', load: () => readFile(join(__dirname, '..', '..', 'icon.svg'), 'utf8') },
}

/** Serves the page's files; `file` is the path below the playground's prefix. */
export const serveStatic = async (file: string, res: ServerResponse): Promise<void> => {
  const served = FILES[file === '/' ? '' : file]
  if (!served) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
    return
  }
  try {
    const content = await served.load()
    res.writeHead(200, { 'content-type': served.type, ...SECURITY }).end(content)
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`The playground could not be served: ${String(error)}`)
  }
}
