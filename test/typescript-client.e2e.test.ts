import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_PAT } from '../dev/local-stack'
import { childOutput } from './support/child-output'
import { startJudgedLocalStack, type JudgedLocalStack } from './support/judged-local-stack'

// examples/typescript-client as a user runs it (tsx), against `npm start`'s stack: a back-end written from
// the OpenAPI document alone, with types from openapi-typescript and calls through openapi-fetch.
const ROOT = resolve(__dirname, '..')
const CONVERSATION_ID = 'typed-client-chat'
let stack: JudgedLocalStack
let output: string

beforeAll(async () => {
  stack = await startJudgedLocalStack()
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'examples/typescript-client/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, WEBHOOK_URL: stack.webhookUrl, TOKEN: LOCAL_PAT, CONVERSATION_ID },
  })
  const run = childOutput(child)
  const code = await run.exited
  output = run.output()
  expect(code, output).toBe(0)
}, 60_000)
afterAll(() => stack?.stop())

const lineWith = (text: string) => output.split('\n').find((line) => line.includes(text))
const store = () => stack.cloud.store(stack.installation.botId)

/** The bot's messages in the example's conversation, oldest first (Botpress lists the newest first). */
const botMessages = () => {
  const [conversation] = store().listConversations({ id: CONVERSATION_ID })
  return store()
    .listMessages(conversation!.id, {})
    .filter((m) => m.direction === 'outgoing')
    .reverse()
}

describe('the typed client example', () => {
  it('sends a message with Prefer: wait and reads the replies from the waited answer', () => {
    expect(lineWith('waited:')).toBe('waited: complete true, outcome processed, 1 replies')
    expect(output).toMatch(/ {2}reply msg_\w+: text "You said: hello"\n/)
  })

  it('sends a message of a type of its own, whose payload reaches the bot unchanged', () => {
    expect(lineWith('quick_reply written as')).toMatch(/^quick_reply written as text msg_\w+$/)
    expect(output).toContain(
      'text "You sent a "quick_reply" saying "Yes please" with {"value":"yes","offer":{"id":42,"tags":["spring","sale"]}}"'
    )
  })

  it('uploads an image it holds as bytes and sends it: the bot receives its URL, which serves the bytes', async () => {
    const url = /^image uploaded to (\S+)$/m.exec(output)?.[1]
    expect(url).toBeDefined()
    expect(output).toContain(`text "I received a image message: ${url}"`)
    const served = await fetch(url!)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString()
    ).toBe('PNG')
  })

  it('sends an event with any JSON payload', () => {
    const [, id] = /^event (\S+), duplicate false$/m.exec(output) ?? []
    const event = store().events.get(id!)
    expect(event?.payload).toEqual({ name: 'order shipped', payload: { orderId: 7 } })
  })

  it("catches up page after page: the bot's messages in order, each once", () => {
    const pages = [...output.matchAll(/^page \d+: (.*)$/gm)].map(([, ids]) => ids!.split(' '))
    const read = pages.flat()
    expect(pages.length).toBeGreaterThanOrEqual(2)
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true)
    expect(lineWith('caught up:')).toBe(`caught up: ${read.length} messages in ${pages.length} pages`)
    // Every bot message up to the last one read (the reply to the event may come after the read), in order.
    const held = botMessages().map((m) => m.id)
    expect(read).toEqual(held.slice(0, read.length))
    expect(read.length).toBeGreaterThanOrEqual(2)
  })

  it('follows the feed of every conversation after the waited message: its replies, each naming the conversation', () => {
    const [, items] = /^feed: (.*)$/m.exec(output) ?? []
    const waitedReply = /^ {2}reply (msg_\w+):/m.exec(output)![1]!
    const held = botMessages().map((m) => `${CONVERSATION_ID}/${m.id}`)
    const fed = items!.split(' ')
    expect(fed[0]).toBe(`${CONVERSATION_ID}/${waitedReply}`)
    expect(fed).toEqual(held.slice(0, fed.length))
  })
})
