import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AdminApi } from '../dev/admin/admin-api'
import { close, listen } from '../dev/http/listen'
import definition from '../integration.definition'

// The deploy of docs/deploying.md, run with the real CLI against the local admin API: `bp login`, then `bp deploy`
// (twice: a first deploy creates the integration, the next one of the same version updates it).
const ROOT = resolve(__dirname, '..')
const TOKEN = 'local-personal-access-token'
const WORKSPACE = { id: '3f9c1b2e-7d4a-4c8e-9b1f-2a6d5e8c0f47', name: 'Local workspace', handle: 'local' }

// Every CLI command first asks the npm registry for a newer CLI. A registry that knows no package keeps
// the test offline and quick (an unreachable one costs 3 s of retries per command).
const noPackages = createServer((_req, res) => res.writeHead(404).end())
const admin = new AdminApi({ token: TOKEN, workspace: WORKSPACE })
let apiUrl = ''
let registryUrl = ''
let botpressHome = ''

beforeAll(async () => {
  apiUrl = await admin.start()
  registryUrl = `http://127.0.0.1:${await listen(noPackages, 0, 'npm registry stand-in')}/`
  botpressHome = await mkdtemp(join(tmpdir(), 'botpress-home-'))
})
afterAll(async () => {
  await Promise.all([admin.stop(), close(noPackages), rm(botpressHome, { recursive: true, force: true })])
})

/** Runs `bp` from node_modules in the project, with its own home (login) and this admin API. */
const bp = (...args: string[]) =>
  new Promise<{ code: number; output: string }>((done) => {
    const options = { cwd: ROOT, env: { ...process.env, npm_config_registry: registryUrl }, timeout: 60_000 }
    const command = join(ROOT, 'node_modules', '.bin', 'bp')
    execFile(
      command,
      [...args, '--apiUrl', apiUrl, '--botpressHome', botpressHome, '-y'],
      options,
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` })
    )
  })

/** The admin calls made since `from`, each with its status, and every problem the definition found. */
const callsSince = (from: number) => {
  const exchanges = admin.exchanges.slice(from)
  return {
    calls: exchanges.map((e) => `${e.operation ?? `${e.method} ${e.url}`} ${e.status}`),
    problems: exchanges.flatMap((e) => e.problems.map((problem) => `${e.operation}: ${problem}`)),
  }
}

it('logs in with a token and a workspace id, deploys, then deploys the same version again', async () => {
  const login = await bp('login', '--token', TOKEN, '--workspaceId', WORKSPACE.id)
  expect(login.code, login.output).toBe(0)
  expect(callsSince(0)).toEqual({ calls: ['listBots 200'], problems: [] })

  // `npm test` has just run `bp build`: deploying what it built, not building again beside running tests.
  const first = await bp('deploy', '--noBuild')
  expect(first.code, first.output).toBe(0)
  expect(first.output).toContain('Integration deployed')
  expect(callsSince(1)).toEqual({
    calls: [
      'getWorkspace 200',
      'getIntegrationByName 404',
      'getPublicIntegration 404',
      'listIntegrations 200',
      'createIntegration 200',
    ],
    problems: [],
  })

  const [deployed, ...others] = [...admin.integrations.values()]
  expect(others).toEqual([])
  const { record, body } = deployed!
  // The CLI prefixes the name with the workspace's handle, as Botpress requires.
  expect(record).toMatchObject({ name: `${WORKSPACE.handle}/${definition.name}`, version: definition.version })
  expect(Object.keys(record.actions).sort()).toEqual(Object.keys(definition.actions ?? {}).sort())
  expect(Object.keys(record.channels)).toEqual(Object.keys(definition.channels ?? {}))
  expect(Object.keys(record.channels.channel!.messages).sort()).toEqual(
    Object.keys(definition.channels?.channel?.messages ?? {}).sort()
  )
  expect(record.user.creation.enabled).toBe(false)
  expect(record.channels.channel!.conversation.creation.enabled).toBe(false)
  expect(body.code).toBe(await readFile(join(ROOT, '.botpress', 'dist', 'index.js'), 'utf8'))
  expect(Buffer.from(record.readmeUrl.split(',')[1]!, 'base64').toString()).toBe(
    await readFile(join(ROOT, 'hub.md'), 'utf8')
  )

  const again = await bp('deploy', '--noBuild')
  expect(again.code, again.output).toBe(0)
  expect(callsSince(6)).toEqual({
    calls: ['getWorkspace 200', 'getIntegrationByName 200', 'updateIntegration 200'],
    problems: [],
  })
  expect([...admin.integrations.keys()]).toEqual([record.id])
}, 120_000)
