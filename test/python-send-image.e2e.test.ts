import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_PAT } from '../dev/local-stack'
import { childOutput } from './support/child-output'
import { startJudgedLocalStack, type JudgedLocalStack } from './support/judged-local-stack'
import { samplesSkipNote, skipSamples } from './support/sample-tools'

// examples/python/send_image.py as a user runs it (python3, standard library only), against `npm start`'s stack.
const ROOT = resolve(__dirname, '..')
let stack: JudgedLocalStack

beforeAll(async () => {
  if (!skipSamples) stack = await startJudgedLocalStack()
}, 60_000)
afterAll(() => stack?.stop())

describe.skipIf(skipSamples)(`the Python example that sends an image${samplesSkipNote}`, () => {
  it('uploads the bytes and sends an image message whose url serves them', async () => {
    const photo = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(50_000, 7)])
    const path = join(mkdtempSync(join(tmpdir(), 'send-image-')), 'photo.png')
    writeFileSync(path, photo)
    const child = spawn('python3', [join(ROOT, 'examples/python/send_image.py'), path], {
      env: { ...process.env, WEBHOOK_URL: stack.webhookUrl, TOKEN: LOCAL_PAT, CONVERSATION_ID: 'python-image' },
    })
    const run = childOutput(child)
    expect(await run.exited, run.output()).toBe(0)
    const [, id, url] = /^sent (\S+) with (\S+)$/m.exec(run.output()) ?? []
    const stored = stack.cloud.store(stack.installation.botId).getMessage(id!)
    expect(stored).toMatchObject({ type: 'image', payload: { imageUrl: url } })
    const served = await fetch(url!)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true)
  })
})
