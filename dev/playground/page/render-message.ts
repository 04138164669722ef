import { el, button } from './dom'
import { parseMarkdown, isSafeHref, type Inline } from './markdown'
import { isRecord, type MessageContent } from './conversation'

/** Sends an option's value as the user's next text message; absent for the user's own messages. */
export type Choose = ((value: string) => void) | undefined

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

const inline = (part: Inline): Node => {
  switch (part.kind) {
    case 'text':
      return document.createTextNode(part.text)
    case 'code':
      return el('code', {}, part.text)
    case 'link':
      return el('a', { href: part.href, target: '_blank', rel: 'noopener noreferrer' }, part.text)
    default:
      return el(part.kind === 'bold' ? 'strong' : 'em', {}, ...part.children.map(inline))
  }
}

/** A link to a media URL, only when it is http(s): a message cannot make the page run a `javascript:` URL. */
const link = (url: string, label = url): Node =>
  isSafeHref(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label) : el('span', {}, label)

const optionButton = (label: string, value: string, choose: Choose) => {
  const element = button(label, () => choose?.(value), { class: 'option' })
  element.disabled = !choose
  return element
}

const action = (item: unknown, choose: Choose): Node => {
  const { action: kind, label, value } = isRecord(item) ? item : {}
  return kind === 'url' ? link(str(value), str(label)) : optionButton(str(label), str(value), choose)
}

const card = (payload: Record<string, unknown>, choose: Choose) =>
  el(
    'div',
    { class: 'card' },
    payload.imageUrl ? el('img', { src: str(payload.imageUrl), alt: str(payload.title) || 'card image' }) : null,
    el('strong', {}, str(payload.title)),
    payload.subtitle ? el('p', {}, str(payload.subtitle)) : null,
    el(
      'div',
      { class: 'actions' },
      ...(Array.isArray(payload.actions) ? payload.actions : []).map((a) => action(a, choose))
    )
  )

const media = (tag: 'audio' | 'video', url: string) => {
  // preload none: nothing is fetched unless the person presses play.
  const player = el(tag, { controls: '', preload: 'none' })
  if (isSafeHref(url)) player.src = url
  return el('div', { class: 'media' }, player, link(url))
}

/** One message, rendered by its type; an unknown type shows its payload as JSON. */
export const renderContent = ({ type, payload }: MessageContent, choose: Choose): HTMLElement => {
  const items = Array.isArray(payload.items) ? payload.items.filter(isRecord) : []
  switch (type) {
    case 'text':
      return el('p', { class: 'text' }, str(payload.text))
    case 'markdown':
      return el('p', { class: 'markdown' }, ...parseMarkdown(str(payload.markdown)).map(inline))
    case 'image':
      return el(
        'figure',
        {},
        el('img', { src: str(payload.imageUrl), alt: 'image' }),
        el('figcaption', {}, link(str(payload.imageUrl)))
      )
    case 'audio':
      return media('audio', str(payload.audioUrl))
    case 'video':
      return media('video', str(payload.videoUrl))
    case 'file':
      return el('p', { class: 'file' }, '📄 ', link(str(payload.fileUrl), str(payload.title) || str(payload.fileUrl)))
    case 'location':
      return el(
        'p',
        { class: 'location' },
        `📍 ${[payload.title, payload.address].filter(Boolean).join(', ')} (${payload.latitude}, ${payload.longitude})`
      )
    case 'card':
      return card(payload, choose)
    case 'carousel':
      return el('div', { class: 'carousel' }, ...items.map((item) => card(item, choose)))
    case 'choice':
    case 'dropdown':
      return el(
        'div',
        { class: 'choice' },
        el('p', {}, str(payload.text)),
        el(
          'div',
          { class: 'actions' },
          ...(Array.isArray(payload.options) ? payload.options.filter(isRecord) : []).map((option) =>
            optionButton(str(option.label), str(option.value), choose)
          )
        )
      )
    case 'bloc':
      return el(
        'div',
        { class: 'bloc' },
        ...items.map((item) =>
          renderContent({ type: str(item.type), payload: isRecord(item.payload) ? item.payload : {} }, choose)
        )
      )
    case 'event':
      return el(
        'div',
        { class: 'event' },
        el('p', {}, `Event "${str(payload.name)}"`),
        el('pre', {}, JSON.stringify(payload.payload, null, 2))
      )
    default:
      return el('pre', {}, JSON.stringify(payload, null, 2))
  }
}
