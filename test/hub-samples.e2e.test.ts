import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimPort } from '../dev/child-process'
import { NO_FAULTS } from '../dev/cloud/faults'
import { LOCAL_PAT, LOCAL_SIGNING_SECRET, localWebhookUrl, startLocalStack } from '../dev/local-stack'
import { childOutput } from './support/child-output'
import { OpenApiDocument } from './support/openapi-document'
import { missingSampleTools, samplesSkipNote, sampleToolsRequired, skipSamples } from './support/sample-tools'

// Every code block of hub.md, run as a user copies it, against `npm start`'s stack: the shell samples with
// bash, curl, openssl and jq; the Node.js receiver with node (standardwebhooks comes from npm ci); the Python
// one with python3. The JSON samples are judged by openapi.yaml. A block of a language this test does not
// run fails it: a new sample comes with its check.
const ROOT = resolve(__dirname, '..')
const WORK = join(ROOT, 'node_modules', '.cache', 'hub-samples')

type Block = { language: string; code: string; line: number }

const blocksOf = (markdown: string): Block[] =>
  [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    code: match[2]!,
    line: markdown.slice(0, match.index).split('\n').length,
  }))

const hub = readFileSync(join(ROOT, 'hub.md'), 'utf8')
const blocks = blocksOf(hub)
const of = (language: string) => blocks.filter((block) => block.language === language)

/** A sample in its own process, with what it printed so far. */
const run = (command: string, args: string[], env: Record<string, string>) => {
  // Its own process group, so that stopping a shell sample stops the curl it runs too.
  const child = spawn(command, args, { cwd: WORK, env: { ...process.env, ...env }, detached: true })
  return { child, ...childOutput(child as ChildProcessWithoutNullStreams) }
}
type Running = ReturnType<typeof run>

const stop = (sample: Running | undefined) =>
  new Promise<void>((done) => {
    if (!sample || sample.child.exitCode !== null || sample.child.signalCode !== null) return done()
    sample.child.once('close', () => done())
    try {
      process.kill(-sample.child.pid!, 'SIGTERM')
    } catch {
      done() // it ended meanwhile
    }
  })

/** A shell sample, run to its end: what it printed on stdout (curl's progress meter goes to stderr). */
const runShell = async (code: string, env: Record<string, string>) => {
  const sample = run('bash', ['-c', code], env)
  let stdout = ''
  sample.child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const status = await sample.exited
  expect(status, sample.output()).toBe(0)
  return stdout
}

/** Resolves once the receiver answers at all. */
const listening = async (url: string, sample: Running) => {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    if (sample.child.exitCode !== null) throw new Error(`the receiver exited:\n${sample.output()}`)
    if (
      await fetch(url, { method: 'POST' }).then(
        () => true,
        () => false
      )
    )
      return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`the receiver never listened:\n${sample.output()}`)
}

const signer = new Webhook(LOCAL_SIGNING_SECRET)
const signed = (raw: string, at = new Date()) => ({
  'content-type': 'application/json',
  'webhook-id': 'msg_sample',
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': signer.sign('msg_sample', at, raw),
})

// Skipped tests show no title in vitest's default report: say it once, where `npm test` prints it.
if (skipSamples) console.warn(`hub.md's shell and Python samples${samplesSkipNote}`)

it('has every program the samples need where CI requires them', () => {
  if (sampleToolsRequired) expect(missingSampleTools).toEqual([])
})

describe.skipIf(skipSamples)(`hub.md, run as written${samplesSkipNote}`, () => {
  let stack: Awaited<ReturnType<typeof startLocalStack>>
  const receivers: { language: string; sample: Running; url: string }[] = []
  let env: Record<string, string>

  beforeAll(async () => {
    mkdirSync(WORK, { recursive: true })
    const start = async (language: string, file: string, command: string) => {
      writeFileSync(join(WORK, file), of(language)[0]!.code)
      const port = await claimPort(0, `${language} receiver`)
      const sample = run(command, [file], { SIGNING_SECRET: LOCAL_SIGNING_SECRET, PORT: String(port) })
      const url = `http://127.0.0.1:${port}/botpress`
      try {
        await listening(url, sample)
      } catch (error) {
        await stop(sample)
        throw error
      }
      return { language, sample, url }
    }
    receivers.push(await start('js', 'receiver.js', process.execPath))
    receivers.push(await start('python', 'receiver.py', 'python3'))
    const cloudPort = await claimPort(0, 'local cloud')
    env = { WEBHOOK_URL: localWebhookUrl(cloudPort), PERSONAL_ACCESS_TOKEN: LOCAL_PAT }
    // The Node.js receiver is the bot's endpoint: installing checks it with a signed ping it must accept.
    stack = await startLocalStack({
      cloudPort,
      inboxPort: 0,
      integrationPort: 0,
      responseEndpointURL: receivers[0]!.url,
      log: () => {},
    })
  }, 60_000)

  afterAll(async () => {
    await stack?.stop()
    await Promise.all(receivers.map((receiver) => stop(receiver.sample)))
  })

  it('has only blocks of the languages this test runs, each fenced as this test reads it', () => {
    // A fence of another kind (indented, ~~~, CRLF) would hide a sample from this test.
    expect(hub.match(/^[ \t]*(```|~~~)/gm)?.length).toBe(blocks.length * 2)
    expect(hub).not.toContain('\r')
    expect(blocks.map((block) => block.language)).toEqual(['sh', 'json', 'sh', 'js', 'python', 'sh', 'sh', 'sh'])
  })

  it('the feed loop of examples/shell/feed-loop.sh is the one of hub.md', () => {
    const script = readFileSync(join(ROOT, 'examples', 'shell', 'feed-loop.sh'), 'utf8')
    expect(script.replace(/^(#.*\n)+/, '')).toBe(of('sh')[4]!.code)
  })

  it('the JSON sample is what openapi.yaml describes: the answer to a message', async () => {
    const document = await OpenApiDocument.load()
    const [answer] = of('json').map((block) => block.code)
    const headers = { 'content-type': 'application/json' }
    expect(document.checkAnswer({ method: 'POST', path: '', status: 200, headers, body: answer! })).toEqual([])
  })

  type WaitedAnswer = { cursor: string; replies: { payload: { text: string }; botpressMessageId: string }[] }
  let runs: WaitedAnswer[] = []

  it('the quick start: a message, and the bot reply in the answer and at the Node.js receiver', async () => {
    const first = JSON.parse(await runShell(of('sh')[0]!.code, env))
    expect(first).toMatchObject({ complete: true, duplicate: false })
    expect(first.replies.map((reply: { payload: { text: string } }) => reply.payload.text)).toEqual([
      'You said: Hello bot!',
    ])
    await receivers[0]!.sample.waitFor('chat-42 {"text":"You said: Hello bot!"}')
    // Each run sends a new messageId: a second run is a new message, not a duplicate.
    const second = JSON.parse(await runShell(of('sh')[0]!.code, env))
    expect(second).toMatchObject({ complete: true, duplicate: false })
    runs = [first, second]
  })

  it("catching up from the first run's cursor reads exactly the second run's reply", async () => {
    const page = JSON.parse(await runShell(of('sh')[2]!.code, { ...env, CURSOR: runs[0]!.cursor }))
    expect(page.messages.map((m: { botpressMessageId: string }) => m.botpressMessageId)).toEqual([
      runs[1]!.replies[0]!.botpressMessageId,
    ])
  })

  it('sending a file: the upload URL, the bytes PUT there, an image message with the url, which serves them', async () => {
    const photo = randomBytes(300_000)
    writeFileSync(join(WORK, 'photo.png'), photo)
    const sent = JSON.parse(await runShell(of('sh')[1]!.code, env))
    expect(sent.message).toMatchObject({ type: 'image', payload: { imageUrl: expect.any(String) } })
    const served = await fetch(sent.message.payload.imageUrl)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true)
    await receivers[0]!.sample.waitFor(`I received a image message: ${sent.message.payload.imageUrl}`)
  })

  it('redelivering what failed: a delivery the receiver refused (unsigned) is sent again, signed, and leaves the list', async () => {
    const store = stack.cloud.store(stack.installation.botId)
    const conversation = [...store.conversations.values()].find((c) => c.tags.id === 'chat-42')!
    const message = store.createMessage({
      type: 'text',
      payload: { text: 'missed while down' },
      userId: stack.installation.botId,
      conversationId: conversation.id,
      tags: {},
      direction: 'outgoing',
    })
    // Delivered without the Signing Secret: the Node.js receiver answers 400, a final answer, and it is marked.
    const unsigned = { ...stack.installation, configuration: { responseEndpointURL: receivers[0]!.url } }
    await stack.cloud.driver
      .messageCreated(unsigned, { conversation, user: { id: stack.installation.botId }, message })
      .catch(() => undefined)
    expect(store.getMessage(message.id).tags).toMatchObject({ deliveryStatus: 'failed' })
    expect(receivers[0]!.sample.lines('missed while down')).toEqual([])

    const answer = JSON.parse(await runShell(of('sh')[3]!.code, env))
    expect(answer).toEqual({ results: [{ botpressMessageId: message.id, status: 'delivered' }] })
    await receivers[0]!.sample.waitFor('chat-42 {"text":"missed while down"}')
    // Run again with nothing left: the list is empty, and the sample sends nothing.
    expect(await runShell(of('sh')[3]!.code, env)).toBe('')
  })

  for (const language of ['js', 'python']) {
    it(`the ${language} receiver answers 204 to a signed delivery, 400 to a forged, old or unsigned one`, async () => {
      const { url, sample } = receivers.find((receiver) => receiver.language === language)!
      const raw = JSON.stringify({ type: 'text', payload: { text: `to ${language}` }, conversationId: 'chat-7' })
      const post = async (headers: Record<string, string>) =>
        (await fetch(url, { method: 'POST', headers, body: raw })).status
      expect(await post(signed(raw))).toBe(204)
      await sample.waitFor(new RegExp(`chat-7 \\{"text": ?"to ${language}"\\}`))
      expect(await post({ ...signed(raw), 'webhook-signature': 'v1,Zm9yZ2Vk' })).toBe(400)
      expect(await post(signed(raw, new Date(Date.now() - 10 * 60_000)))).toBe(400)
      expect(await post({ 'content-type': 'application/json' })).toBe(400)
      expect(await post({ ...signed(raw), 'webhook-timestamp': 'soon' })).toBe(400)
      expect(sample.lines('chat-7')).toHaveLength(1)
    })
  }

  it('the poll loop goes on through a 429 and a 502, honouring Retry-After, and saves its cursor', async () => {
    const api = stack.cloud.api
    // Its first read is refused (listMessages: 429, Retry-After: 1), the next read's first call fails (Botpress
    // 503, so 502), and the read after is served: `reads` holds when each of those three began.
    const reads: number[] = []
    api.faults.refusedOperations = { listMessages: 429 }
    api.onCall = (operation) => {
      if (reads.length === 0 && operation !== 'listMessages') return
      if (reads.length < 3) reads.push(Date.now())
      if (reads.length === 2) Object.assign(api.faults, { ...NO_FAULTS, failureRate: 1, failureStatus: 503 })
      if (reads.length === 3) Object.assign(api.faults, NO_FAULTS)
    }
    rmSync(join(WORK, 'cursor.txt'), { force: true })
    const loop = run('bash', ['-c', of('sh')[4]!.code], env)
    try {
      await loop.waitFor('"text":"You said: Hello bot!"', { timeoutMs: 15_000 })
      // Saved once the page is processed: just after it is printed.
      const saved = () => readFileSync(join(WORK, 'cursor.txt'), { encoding: 'utf8', flag: 'a+' }).trim()
      await expect.poll(saved).toMatch(/~/)
      const cursor = saved()
      // A new message comes through the waiting read, and the saved cursor moves on.
      await fetch(env.WEBHOOK_URL!, {
        method: 'POST',
        headers: { authorization: `bearer ${LOCAL_PAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u', messageId: 'poll-1', conversationId: 'chat-9', type: 'text', text: 'hi' }),
      })
      await loop.waitFor('"text":"You said: hi"', { timeoutMs: 15_000 })
      await expect.poll(saved).not.toBe(cursor)
      expect(loop.child.exitCode).toBeNull()
      // Each failed read was followed by the wait it asked for, at least a second, and none was given up.
      expect(reads.length).toBeGreaterThanOrEqual(3)
      expect(reads[1]! - reads[0]!).toBeGreaterThanOrEqual(900)
      expect(reads[2]! - reads[1]!).toBeGreaterThanOrEqual(900)
    } finally {
      api.onCall = undefined
      Object.assign(api.faults, NO_FAULTS)
      await stop(loop)
    }
  }, 40_000)
})
