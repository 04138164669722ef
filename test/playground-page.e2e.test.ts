import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_REASON } from '../dev/bot/replies'
import { startLocalStack } from '../dev/local-stack'
import { npmChromium } from './support/chromium'
import { openApiConformance } from './support/openapi-conformance'

// The real page in headless Chromium (the build `npm ci` installs, see support/chromium.ts), on the stack `npm start`
// runs (ports chosen freely).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** `npm start`'s stack on free ports, its answers and deliveries judged by openapi.yaml. */
const startJudgedStack = (cloudPort: number) =>
  startLocalStack({
    cloudPort,
    inboxPort: 0,
    integrationPort: 0,
    log: () => {},
    onExchange: (exchange) => openApiConformance.answer(exchange),
    onDelivery: (entry) => openApiConformance.delivery(entry),
  })

let stack: Awaited<ReturnType<typeof startLocalStack>>
let browser: Browser
let page: Page
const startedAt = Date.now()

beforeAll(async () => {
  const { executablePath, env } = await npmChromium()
  stack = await startJudgedStack(0)
  browser = await chromium.launch({ executablePath, env, args: ARGS })
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(stack.playgroundUrl)
  await page.locator('#connection.live').waitFor()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
  console.log(`playground browser test: ${Date.now() - startedAt} ms`)
})

const send = async (text: string) => {
  await page.fill('#text', text)
  await page.press('#text', 'Enter')
}

describe('playground page', () => {
  it('shows the echo of a text message, rendered as text', async () => {
    await send('hello')
    await expect
      .poll(() => page.locator('#messages .bubble.bot[data-type="text"]').allTextContents())
      .toContainEqual(expect.stringContaining('You said: hello'))
    await expect
      .poll(() => page.locator('#messages .bubble.user').allTextContents())
      .toContainEqual(expect.stringContaining('hello'))
  })

  it('renders an image reply as an image, and an image sent by the user', async () => {
    await send('image')
    const image = page.locator('#messages .bubble.bot[data-type="image"] img')
    await image.first().waitFor()
    expect(await image.first().getAttribute('src')).toBe(`${stack.cloud.url}/playground/sample.svg`)
    await expect
      .poll(() => image.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0)

    await page.selectOption('#type', 'image')
    await page.fill('#field-imageUrl', 'https://example.com/mine.png')
    await page.click('#composer button[type=submit]')
    await page.locator('#messages .bubble.user[data-type="image"] img[src="https://example.com/mine.png"]').waitFor()
    await expect
      .poll(() => page.locator('#messages .bubble.bot').allTextContents())
      .toContainEqual(expect.stringContaining('I received a image message: https://example.com/mine.png'))
  })

  it('attaches a file of the user: uploaded as a back-end would, its URL sent in the image message', async () => {
    await page.selectOption('#type', 'image')
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64'
    )
    await page.setInputFiles('#upload-imageUrl', { name: 'pixel.png', mimeType: 'image/png', buffer: png })
    await expect.poll(() => page.inputValue('#field-imageUrl')).toMatch(new RegExp(`^${stack.cloud.url}/files/`))
    const url = await page.inputValue('#field-imageUrl')
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(png)).toBe(true)
    await page.click('#composer button[type=submit]')
    await page.locator(`#messages .bubble.user[data-type="image"] img[src="${url}"]`).waitFor()
    await expect
      .poll(() => page.locator('#messages .bubble.bot').allTextContents())
      .toContainEqual(expect.stringContaining(`I received a image message: ${url}`))
  })

  it('shows a 400 with its field message, in the conversation and in the log', async () => {
    await page.selectOption('#type', 'image')
    await page.fill('#field-imageUrl', '')
    await page.click('#composer button[type=submit]')
    const error = page.locator('#messages .bubble.error').last()
    await error.waitFor()
    expect(await error.textContent()).toContain('400 invalid_body')
    expect(await error.locator('.issues').textContent()).toContain('payload.imageUrl is required')
    const logged = page.locator('#log .entry.exchange.client-error').last()
    expect(await logged.locator('summary').textContent()).toContain('400')
    expect(await logged.textContent()).toContain('payload.imageUrl is required')
  })

  it('shows the raw JSON mistake too, with the path of each field', async () => {
    await page.check('#raw-mode')
    await page.fill('#raw', '{"messageId":"m-raw","conversationId":"chat-1","type":"text","text":"hi"}')
    await page.press('#raw', 'Control+Enter')
    await expect.poll(() => page.locator('#messages .bubble.error .issues').last().textContent()).toContain('userId')
    await page.uncheck('#raw-mode')
  })

  it('waits for the replies when asked, and shows how the bot ended: failed with its reason, or done', async () => {
    await page.selectOption('#type', 'text')
    await page.fill('#wait', '5')
    await send('fail')
    const failed = page.locator('#messages .bubble.outcome[data-outcome="failed"]')
    await failed.waitFor()
    expect(await failed.textContent()).toContain(`The bot failed (1 reply in the answer): ${FAILURE_REASON}`)
    const logged = page.locator('#log .entry.exchange').last()
    expect(await logged.locator('summary').textContent()).toContain('failed')
    expect(await logged.textContent()).toContain('prefer')

    await send('pause')
    await expect
      .poll(() => page.locator('#messages .bubble.outcome').last().textContent())
      .toContain('The bot is done (processed): 2 replies in the answer.')
    await page.fill('#wait', '')
  })

  it('logs every request with the token masked, never in full', async () => {
    const log = (await page.locator('#log').textContent()) ?? ''
    expect(log).toContain('bearer loca…oken')
    expect(log).not.toContain(stack.token)
    expect(await page.content()).not.toContain(stack.token.slice(4, -4))
  })

  it('logs each delivery with its webhook-id and a valid signature', async () => {
    const delivery = page.locator('#log .entry.delivery').last()
    await expect.poll(() => delivery.locator('summary').textContent()).toContain('signature valid')
    expect(await delivery.textContent()).toMatch(/webhook-id\s*msg_/)
  })

  it("reads the conversation's history back with GET /messages, the exchange in the log", async () => {
    const errorsBefore = await page.locator('#messages .bubble.error').count()
    await page.click('#read-history')
    await expect
      .poll(() => page.locator('#read-result').textContent())
      .toMatch(/GET \/messages read [1-9]\d* bot messages? of chat-1 in 1 request/)
    // The log entry comes over the event stream, not with the answer: wait for it.
    const logged = page.locator('#log .entry.exchange').last()
    await expect.poll(() => logged.locator('summary').textContent()).toMatch(/^200 GET \/webhooks\/[^/]+\/messages /)
    expect(await logged.textContent()).toContain('"hasMore": false')
    expect(await page.locator('#messages .bubble.error').count()).toBe(errorsBefore)
  })

  it('lists the deliveries the inbox refused, and redelivers them: the list is then empty', async () => {
    await page.selectOption('#inbox-status', '400')
    await expect.poll(() => page.locator('#log .entry.note').last().textContent()).toContain('answers 400')
    await send('missed one')
    await send('missed two')
    // The bot answers each after the POST: list again until both deliveries were refused.
    const listed = async () => {
      await page.click('#show-failed')
      await page
        .locator('#failed-status')
        .filter({ hasText: /failed deliver/ })
        .waitFor()
      return page.locator('#failed-list li').count()
    }
    await expect.poll(listed).toBe(2)
    expect(await page.locator('#failed-list li .reason').first().textContent()).toContain('HTTP 400')
    await page.selectOption('#inbox-status', '200')
    await expect.poll(() => page.locator('#log .entry.note').last().textContent()).toContain('answers 200')
    await page.click('#redeliver')
    await expect.poll(() => page.locator('#failed-status').textContent()).toMatch(/^Redelivered 2 of 2\. No failed/)
    expect(await page.locator('#failed-list li').count()).toBe(0)
    expect(await page.locator('#redeliver').isHidden()).toBe(true)
  })

  it('shows the same log in a second tab', async () => {
    const other = await browser.newPage()
    await other.goto(stack.playgroundUrl)
    await other.locator('#connection.live').waitFor()
    const seqs = (tab: Page) => tab.locator('#log > li').evaluateAll((items) => items.map((i) => i.dataset.seq))
    const shown = await seqs(other)
    await expect.poll(() => seqs(page)).toEqual(shown)
    await other.close()
  })
})

// Last, since it replaces the stack the other tests share.
describe('a restart of npm start', () => {
  it('says the connection is lost, then shows an empty log and conversation, not errors', async () => {
    const port = Number(new URL(stack.playgroundUrl).port)
    await stack.stop()
    await expect.poll(() => page.locator('#connection').getAttribute('class')).toBe('lost')
    expect(await page.locator('#connection').textContent()).toContain('Not connected to npm start')

    stack = await startJudgedStack(port)
    await expect.poll(() => page.locator('#connection').textContent()).toContain('restarted')
    expect(await page.locator('#messages .bubble').count()).toBe(0)
    expect(await page.locator('#log .entry.client-error, #log .entry.server-error').count()).toBe(0)

    await page.selectOption('#type', 'text')
    await send('back again')
    await expect
      .poll(() => page.locator('#messages .bubble.bot').allTextContents())
      .toContainEqual(expect.stringContaining('You said: back again'))
  }, 60_000)
})

describe('npm start --no-endpoint', () => {
  it("watches the feed from the start, and shows the bot's replies in every conversation from it", async () => {
    // The read the page leaves waiting ends when the stack stops, answered 502 by the local cloud, not the integration.
    let stopping = false
    const quiet = await startLocalStack({
      cloudPort: 0,
      inboxPort: 0,
      integrationPort: 0,
      noEndpoint: true,
      log: () => {},
      onExchange: (exchange) => {
        if (!stopping) openApiConformance.answer(exchange)
      },
    })
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    try {
      await tab.goto(quiet.playgroundUrl)
      await tab.locator('#connection.live').waitFor()
      expect(await tab.locator('#watch-feed').isChecked()).toBe(true)
      expect(await tab.locator('#inbox-status').isDisabled()).toBe(true)
      await tab.fill('#text', 'start chat-9')
      await tab.press('#text', 'Enter')
      const bot = tab.locator('#messages .bubble.bot')
      await expect
        .poll(() => bot.allTextContents())
        .toContainEqual(expect.stringContaining('I started conversation chat-9'))
      expect(await bot.first().locator('small').textContent()).toContain('read from the webhook URL')
      await tab.fill('#conversation-id', 'chat-9')
      await tab.dispatchEvent('#conversation-id', 'input')
      await expect
        .poll(() => bot.allTextContents())
        .toEqual([expect.stringContaining('Hello! I started this conversation (chat-9) myself.')])
      expect(await tab.locator('#feed-status').textContent()).toMatch(
        /Watching the feed of every conversation: 2 bot messages/
      )
      await tab.uncheck('#watch-feed')
      expect(await tab.locator('#feed-status').textContent()).toBe('')
    } finally {
      await tab.close()
      stopping = true
      await quiet.stop()
    }
  }, 60_000)
})
