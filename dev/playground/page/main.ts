import type { Hello, LogEntry } from '../entries'
import { MESSAGE_TYPES, PAYLOAD_FIELDS, messageBody, type Draft } from './compose'
import { conversationOf, type Bubble } from './conversation'
import { el, time } from './dom'
import { mountFailedPanel } from './failed-panel'
import { readHistory } from './read-history'
import { watchFeed, type FeedStatus } from './watch-feed'
import { renderContent } from './render-message'
import { UPLOADABLE_FIELDS, uploadFile } from './upload'
import { describeWaited } from './waited'
import { errorDetails, renderEntry, type Copy } from './render-log'

const MAX_ENTRIES = 500

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (!element) throw new Error(`The page has no #${id}`)
  return element as T
}

const ui = {
  connection: byId('connection'),
  webhookUrl: byId<HTMLInputElement>('webhook-url'),
  token: byId<HTMLInputElement>('token'),
  userId: byId<HTMLInputElement>('user-id'),
  conversationId: byId<HTMLInputElement>('conversation-id'),
  wait: byId<HTMLInputElement>('wait'),
  composer: byId<HTMLFormElement>('composer'),
  type: byId<HTMLSelectElement>('type'),
  text: byId<HTMLInputElement>('text'),
  fields: byId('payload-fields'),
  rawMode: byId<HTMLInputElement>('raw-mode'),
  raw: byId<HTMLTextAreaElement>('raw'),
  sendProblem: byId('send-problem'),
  messages: byId('messages'),
  chatEmpty: byId('chat-empty'),
  log: byId('log'),
  logEmpty: byId('log-empty'),
  inboxStatus: byId<HTMLSelectElement>('inbox-status'),
  readResult: byId('read-result'),
  watchFeed: byId<HTMLInputElement>('watch-feed'),
  feedStatus: byId('feed-status'),
}

let entries: LogEntry[] = []
let sessionId: string | undefined

// ── Sending ──────────────────────────────────────────────────────────────

/** The token as typed, with or without its `bearer ` scheme. */
const bearerToken = () => ui.token.value.trim().replace(/^bearer\s+/i, '')

const send = async (body: string) => {
  ui.sendProblem.textContent = ''
  const token = bearerToken()
  try {
    const wait = ui.wait.value.trim()
    await fetch(ui.webhookUrl.value, {
      method: 'POST',
      headers: {
        authorization: `bearer ${token}`,
        'content-type': 'application/json',
        ...(wait ? { prefer: `wait=${wait}` } : {}),
      },
      body,
    })
  } catch (error) {
    // The answer itself, error or not, reaches the page through the log; only an unreachable URL ends here.
    ui.sendProblem.textContent = `Could not reach ${ui.webhookUrl.value}: ${String(error)}. Is npm start running?`
  }
}

const draft = (overrides: Partial<Draft> = {}): Draft => ({
  userId: ui.userId.value,
  conversationId: ui.conversationId.value,
  type: ui.type.value,
  text: ui.text.value,
  values: Object.fromEntries(
    [...ui.fields.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[name]')].map((f) => [f.name, f.value])
  ),
  ...overrides,
})

const formBody = (overrides: Partial<Draft> = {}) => JSON.stringify(messageBody(draft(overrides), crypto.randomUUID()))

/** A choice, dropdown or card button answers with its value as the user's next text message. */
const choose = (value: string) => void send(formBody({ type: 'text', text: value, values: {} }))

/** A file of the user's, uploaded as a back-end would: its URL fills the field once the bytes are in. */
const uploadPicker = (name: string, target: HTMLInputElement) => {
  const picker = el('input', { id: `upload-${name}`, type: 'file', 'aria-label': `Upload a file for ${name}` })
  picker.addEventListener('change', () => {
    const file = picker.files?.[0]
    if (!file) return
    ui.sendProblem.textContent = ''
    uploadFile(ui.webhookUrl.value, bearerToken(), file).then(
      (url) => (target.value = url),
      (error: unknown) =>
        (ui.sendProblem.textContent = `Upload failed: ${error instanceof Error ? error.message : String(error)}`)
    )
  })
  return picker
}

const showPayloadFields = () => {
  const fields = PAYLOAD_FIELDS[ui.type.value] ?? []
  ui.fields.replaceChildren(
    ...fields.map((field) => {
      const id = `field-${field.name}`
      const input =
        field.kind === 'json' || field.kind === 'actions'
          ? el('textarea', { id, name: field.name, rows: '3' }, field.sample)
          : el('input', {
              id,
              name: field.name,
              type: field.kind === 'number' ? 'text' : field.kind,
              value: field.sample,
            })
      const wrapper = el('div', { class: 'field' }, el('label', { for: id }, field.label), input)
      if (UPLOADABLE_FIELDS.has(field.name)) wrapper.append(uploadPicker(field.name, input as HTMLInputElement))
      return wrapper
    })
  )
  ui.text.placeholder = ui.type.value === 'text' ? 'Type a message' : `Summary text (default: ${ui.type.value})`
}

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault()
  let body: string
  try {
    body = ui.rawMode.checked ? ui.raw.value : formBody()
  } catch (error) {
    ui.sendProblem.textContent = error instanceof Error ? error.message : String(error)
    return
  }
  void send(body)
  if (!ui.rawMode.checked) ui.text.value = ''
})

ui.rawMode.addEventListener('change', () => {
  ui.raw.hidden = !ui.rawMode.checked
  ui.fields.hidden = ui.rawMode.checked
  if (ui.rawMode.checked) ui.raw.value = JSON.stringify(JSON.parse(formBody()), null, 2)
})

ui.raw.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) ui.composer.requestSubmit()
})

ui.type.append(...MESSAGE_TYPES.map((type) => el('option', { value: type }, type)))
ui.type.addEventListener('change', showPayloadFields)
showPayloadFields()

// ── Reading the history back ─────────────────────────────────────────────

byId('read-history').addEventListener('click', async () => {
  const conversationId = ui.conversationId.value
  ui.readResult.textContent = `Reading ${conversationId} with GET /messages…`
  try {
    const read = await readHistory(ui.webhookUrl.value, bearerToken(), conversationId)
    const requests = read.requests === 1 ? '1 request' : `${read.requests} requests`
    ui.readResult.textContent =
      'count' in read
        ? `GET /messages read ${read.count} bot message${read.count === 1 ? '' : 's'} of ${conversationId} in ${requests}: see the HTTP log.`
        : `GET /messages answered ${read.status}: see the HTTP log.`
  } catch (error) {
    ui.readResult.textContent = `Could not reach ${ui.webhookUrl.value}: ${String(error)}. Is npm start running?`
  }
})

// ── Watching the feed (how a back-end without an endpoint gets the bot's messages) ──

let feed: { stop: () => void } | undefined

const showFeedStatus = (status: FeedStatus) => {
  if (status.state === 'stopped') {
    ui.watchFeed.checked = false
    feed = undefined
    ui.feedStatus.textContent = `Stopped watching the feed: ${status.reason}. See the HTTP log.`
    return
  }
  const count = `${status.messages} bot message${status.messages === 1 ? '' : 's'}`
  ui.feedStatus.textContent = `Watching the feed of every conversation: ${count} in ${status.reads} reads (GET /messages, Prefer: wait=25).`
}

const setFeedWatch = (on: boolean) => {
  ui.watchFeed.checked = on
  feed?.stop()
  feed = on ? watchFeed(ui.webhookUrl.value, bearerToken(), showFeedStatus) : undefined
  if (on) ui.feedStatus.textContent = 'Watching the feed of every conversation…'
  else ui.feedStatus.textContent = ''
}

ui.watchFeed.addEventListener('change', () => setFeedWatch(ui.watchFeed.checked))

// ── Conversation ─────────────────────────────────────────────────────────

const bubbleMeta = (bubble: Bubble): string => {
  if (bubble.from !== 'bot') return time(bubble.at)
  if (bubble.attempts === 0) return `${time(bubble.at)} · read from the webhook URL`
  const attempts = bubble.attempts > 1 ? ` · ${bubble.attempts} attempts` : ''
  const failed = bubble.lastStatus >= 300 ? ` · the inbox answered ${bubble.lastStatus}` : ''
  return `${time(bubble.at)}${attempts}${failed}`
}

const renderOutcome = ({ waited, at }: Extract<Bubble, { from: 'outcome' }>) =>
  el(
    'li',
    { class: 'bubble outcome', 'data-outcome': waited.complete ? (waited.outcome ?? 'complete') : 'incomplete' },
    el('p', {}, describeWaited(waited)),
    el('small', {}, `${time(at)} · the answer to Prefer: wait`)
  )

const renderBubble = (bubble: Bubble) =>
  bubble.from === 'outcome'
    ? renderOutcome(bubble)
    : el(
        'li',
        { class: `bubble ${bubble.from}`, 'data-type': bubble.from === 'error' ? 'error' : bubble.content.type },
        bubble.from === 'error'
          ? errorDetails(bubble.error)
          : renderContent(bubble.content, bubble.from === 'bot' ? choose : undefined),
        el('small', {}, bubbleMeta(bubble))
      )

/** Rendered bubbles by key, kept while unchanged so images and players are not recreated on every event. */
const rendered = new Map<string, { version: string; element: HTMLElement }>()

const renderConversation = () => {
  const bubbles = conversationOf(entries, ui.conversationId.value)
  const elements = bubbles.map((bubble) => {
    const version = JSON.stringify(bubble)
    const known = rendered.get(bubble.key)
    if (known?.version === version) return known.element
    const element = renderBubble(bubble)
    rendered.set(bubble.key, { version, element })
    return element
  })
  ui.messages.replaceChildren(...elements)
  ui.chatEmpty.hidden = bubbles.length > 0
  ui.messages.scrollTop = ui.messages.scrollHeight
}

ui.conversationId.addEventListener('input', () => {
  ui.readResult.textContent = ''
  renderConversation()
})

// ── Log ──────────────────────────────────────────────────────────────────

const copy: Copy = (text, from) => {
  const done = (label: string) => {
    from.textContent = label
    setTimeout(() => (from.textContent = 'Copy as curl'), 1500)
  }
  const fallback = () => {
    const area = el('textarea', { class: 'copy-fallback', readonly: '', 'aria-label': 'curl command' }, text)
    from.after(area)
    area.select()
    done(document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C')
  }
  if (!navigator.clipboard) return fallback()
  navigator.clipboard.writeText(text).then(() => done('Copied'), fallback)
}

const appendToLog = (entry: LogEntry) => {
  const atBottom = ui.log.scrollTop + ui.log.clientHeight >= ui.log.scrollHeight - 40
  ui.log.append(renderEntry(entry, copy))
  while (ui.log.childElementCount > MAX_ENTRIES) ui.log.firstElementChild?.remove()
  ui.logEmpty.hidden = true
  if (atBottom) ui.log.scrollTop = ui.log.scrollHeight
}

const showInboxStatus = (status: number | null) => {
  ui.inboxStatus.disabled = status === null
  if (status !== null) ui.inboxStatus.value = String(status)
}

ui.inboxStatus.addEventListener('change', () => {
  void fetch('/playground/inbox', { method: 'POST', body: JSON.stringify({ status: Number(ui.inboxStatus.value) }) })
})

// ── Live updates ─────────────────────────────────────────────────────────

const setConnection = (state: 'live' | 'lost', text: string) => {
  ui.connection.className = state
  ui.connection.textContent = text
}

const onHello = (hello: Hello) => {
  const restarted = sessionId !== undefined && sessionId !== hello.sessionId
  sessionId = hello.sessionId
  entries = hello.entries
  rendered.clear()
  ui.log.replaceChildren()
  ui.logEmpty.hidden = false
  entries.forEach(appendToLog)
  renderConversation()
  if (!ui.webhookUrl.value) ui.webhookUrl.value = hello.webhookUrl
  if (!ui.token.value) ui.token.value = hello.token
  showInboxStatus(hello.inboxStatus)
  // Without an endpoint the feed is the only way to see the bot's messages: watch it from the start.
  if (hello.replies === 'feed' && !feed) setFeedWatch(true)
  setConnection('live', restarted ? 'Live · npm start was restarted: the log starts over' : 'Live')
}

const onEntry = (entry: LogEntry) => {
  entries.push(entry)
  if (entries.length > MAX_ENTRIES) entries.shift()
  appendToLog(entry)
  renderConversation()
  if (entry.kind === 'note' && entry.inboxStatus !== undefined) showInboxStatus(entry.inboxStatus)
}

const events = new EventSource('/playground/events')
events.addEventListener('hello', (event) => onHello(JSON.parse(event.data) as Hello))
events.addEventListener('entry', (event) => onEntry(JSON.parse(event.data) as LogEntry))
events.addEventListener('error', () =>
  setConnection('lost', 'Not connected to npm start: retrying every second (is it running?)')
)

byId('new-conversation').addEventListener('click', () => {
  ui.conversationId.value = `chat-${Math.random().toString(36).slice(2, 7)}`
  ui.readResult.textContent = ''
  renderConversation()
})

mountFailedPanel({ webhookUrl: () => ui.webhookUrl.value, token: bearerToken })

// The settings are read when sending: Enter in them must not reload the page.
byId('settings').addEventListener('submit', (event) => event.preventDefault())
