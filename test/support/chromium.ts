import chromium from '@sparticuz/chromium'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'

// The tests' Chromium comes from npm: @sparticuz/chromium ships a headless Chromium build, brotli-compressed, with the
// NSS and expat libraries it links against (its Amazon Linux set), so it needs nothing from the system but glibc.
// The package decompresses into os.tmpdir() (/tmp/chromium, shared by every checkout on the machine and trusted as
// soon as it exists); here it decompresses once per package version into node_modules/.cache instead, staged in a
// temporary directory and renamed into place, so a run stopped halfway or a concurrent run never leaves half a binary.
const PACKAGE = resolve(__dirname, '..', '..', 'node_modules', '@sparticuz', 'chromium')

export interface NpmChromium {
  executablePath: string
  /** The environment to launch it with: the bundled libraries first on the library path. */
  env: Record<string, string>
}

export const npmChromium = async (): Promise<NpmChromium> => {
  const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string }
  const dir = resolve(PACKAGE, '..', '..', '.cache', `sparticuz-chromium-${version}`)
  if (!existsSync(join(dir, 'chromium'))) {
    await mkdir(resolve(dir, '..'), { recursive: true })
    const staging = await mkdtemp(`${dir}.partial-`)
    await withEnv({ TMPDIR: staging, AWS_LAMBDA_JS_RUNTIME: 'nodejs20.x' }, () => chromium.executablePath())
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true })
      if (!existsSync(join(dir, 'chromium'))) throw error // else a concurrent run put the same files there first
    })
  }
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => !!entry[1]))
  const libraries = join(dir, 'al2023', 'lib')
  env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${libraries}:${env.LD_LIBRARY_PATH}` : libraries
  return { executablePath: join(dir, 'chromium'), env }
}

// executablePath() reads both at call time: TMPDIR (through os.tmpdir()) says where to decompress, and a Node 20
// Lambda runtime name makes it decompress the bundled libraries (al2023.tar.br) as well.
const withEnv = async <T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> => {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  Object.assign(process.env, values)
  try {
    return await run()
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
