import type { DeliveryEntry, ExchangeEntry, LogEntry } from '../entries'
import { apiError, parseJson, type ApiError } from './conversation'
import { curlCommand, type CurlRequest } from './curl'
import { button, el, prettyJson, time } from './dom'
import { describeWaited, waitedOf, waitedTag } from './waited'

/** Copies text, with the clipboard API when the page may use it, else through a selected textarea. */
export type Copy = (text: string, from: HTMLElement) => void

const headerList = (headers: Record<string, string>) =>
  el(
    'dl',
    { class: 'headers' },
    ...Object.entries(headers).flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])
  )

const bodyBlock = (body: string) => (body ? el('pre', { class: 'body' }, prettyJson(body)) : el('p', {}, '(no body)'))

const statusClass = (status: number) => (status < 300 ? 'ok' : status < 500 ? 'client-error' : 'server-error')

export const errorDetails = (error: ApiError) =>
  el(
    'div',
    { class: 'error' },
    el('p', {}, el('strong', {}, `${error.status} ${error.code}`), ` ${error.message}`),
    error.issues.length > 0 &&
      el(
        'ul',
        { class: 'issues' },
        ...error.issues.map((issue) => el('li', {}, el('code', {}, issue.path), ` ${issue.message}`))
      )
  )

const entryShell = (
  entry: LogEntry,
  summary: (string | Node)[],
  status: number,
  details: (Node | null)[],
  request: CurlRequest,
  copy: Copy
) => {
  const copyButton: HTMLButtonElement = button('Copy as curl', () => copy(curlCommand(request), copyButton))
  const open: Record<string, string> = status >= 400 ? { open: '' } : {}
  return el(
    'li',
    { class: `entry ${entry.kind} ${statusClass(status)}`, 'data-seq': String(entry.seq) },
    el(
      'details',
      open,
      el('summary', {}, el('span', { class: 'status' }, String(status)), ...summary, el('time', {}, time(entry.at))),
      ...details,
      copyButton
    )
  )
}

const exchange = (entry: ExchangeEntry, copy: Copy) => {
  const { request, response } = entry
  const error = apiError(response.status, response.body)
  const waited = error ? undefined : waitedOf(parseJson(response.body))
  return entryShell(
    entry,
    [
      ` ${request.method} ${new URL(request.url).pathname} `,
      el('span', { class: 'timing' }, `${entry.durationMs} ms`),
      ...(waited ? [el('span', { class: 'outcome', title: describeWaited(waited) }, ` · ${waitedTag(waited)}`)] : []),
    ],
    response.status,
    [
      error ? errorDetails(error) : null,
      el('h4', {}, `Request: ${request.method} ${request.url}`),
      headerList(request.headers),
      bodyBlock(request.body),
      el('h4', {}, `Answer: ${response.status}`),
      headerList(response.headers),
      bodyBlock(response.body),
    ],
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    copy
  )
}

const SIGNATURE_TEXT: Record<DeliveryEntry['signature'], string> = {
  valid: 'signature valid',
  invalid: 'signature INVALID',
  unsigned: 'unsigned',
  unchecked: 'signed (no secret to check)',
}

const delivery = (entry: DeliveryEntry, copy: Copy) => {
  const retry = entry.attempt > 1 ? ` +${(entry.sinceFirstAttemptMs / 1000).toFixed(1)} s after the first` : ''
  const failed = entry.status >= 300
  return entryShell(
    entry,
    [
      ` delivery to inbox · attempt ${entry.attempt}${retry} · `,
      el('span', { class: `signature ${entry.signature}` }, SIGNATURE_TEXT[entry.signature]),
    ],
    entry.status,
    [
      failed
        ? el(
            'p',
            { class: 'error' },
            `Failed: the inbox answered ${entry.status}, so the integration retries this delivery (same webhook-id).`
          )
        : null,
      el('h4', {}, `POST ${entry.url}`),
      headerList(entry.headers),
      bodyBlock(entry.body),
    ],
    { method: 'POST', url: entry.url, headers: entry.headers, body: entry.body },
    copy
  )
}

/** One log line, its details folded (unfolded for errors), with a copy-as-curl button for requests. */
export const renderEntry = (entry: LogEntry, copy: Copy): HTMLElement => {
  if (entry.kind === 'exchange') return exchange(entry, copy)
  if (entry.kind === 'delivery') return delivery(entry, copy)
  return el(
    'li',
    { class: `entry note ${entry.level}`, 'data-seq': String(entry.seq) },
    el('p', {}, entry.message),
    el('time', {}, time(entry.at))
  )
}
