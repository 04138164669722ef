/** How the page asks for one payload field. */
export type PayloadField = {
  name: string
  label: string
  /** `options`: comma-separated; `actions`: one `Label = value` per line; `json`: any JSON value. */
  kind: 'text' | 'url' | 'number' | 'options' | 'actions' | 'json'
  sample: string
}

const SAMPLE_IMAGE = 'https://example.com/photo.png'

/** The form of every message type, filled with a sample the integration accepts. */
export const PAYLOAD_FIELDS: Record<string, PayloadField[]> = {
  text: [],
  markdown: [{ name: 'markdown', label: 'Markdown', kind: 'text', sample: '**Bold** and _italic_' }],
  image: [{ name: 'imageUrl', label: 'Image URL', kind: 'url', sample: SAMPLE_IMAGE }],
  audio: [{ name: 'audioUrl', label: 'Audio URL', kind: 'url', sample: 'https://example.com/voice.mp3' }],
  video: [{ name: 'videoUrl', label: 'Video URL', kind: 'url', sample: 'https://example.com/clip.mp4' }],
  file: [
    { name: 'fileUrl', label: 'File URL', kind: 'url', sample: 'https://example.com/receipt.pdf' },
    { name: 'title', label: 'Title', kind: 'text', sample: 'Receipt' },
  ],
  location: [
    { name: 'latitude', label: 'Latitude', kind: 'number', sample: '45.5017' },
    { name: 'longitude', label: 'Longitude', kind: 'number', sample: '-73.5673' },
    { name: 'address', label: 'Address', kind: 'text', sample: '' },
    { name: 'title', label: 'Title', kind: 'text', sample: 'Montréal' },
  ],
  card: [
    { name: 'title', label: 'Title', kind: 'text', sample: 'A card' },
    { name: 'subtitle', label: 'Subtitle', kind: 'text', sample: 'Sent by the user' },
    { name: 'imageUrl', label: 'Image URL', kind: 'url', sample: SAMPLE_IMAGE },
    { name: 'actions', label: 'Actions (Label = value, one a line)', kind: 'actions', sample: 'Say yes = yes' },
  ],
  carousel: [
    {
      name: 'items',
      label: 'Cards (JSON array)',
      kind: 'json',
      sample: JSON.stringify([
        { title: 'First', actions: [] },
        { title: 'Second', actions: [] },
      ]),
    },
  ],
  choice: [
    { name: 'text', label: 'Question', kind: 'text', sample: 'Pick one' },
    { name: 'options', label: 'Options (comma-separated)', kind: 'options', sample: 'yes, no' },
  ],
  dropdown: [
    { name: 'text', label: 'Question', kind: 'text', sample: 'Pick a size' },
    { name: 'options', label: 'Options (comma-separated)', kind: 'options', sample: 'small, medium, large' },
  ],
  bloc: [
    {
      name: 'items',
      label: 'Items (JSON array)',
      kind: 'json',
      sample: JSON.stringify([{ type: 'text', payload: { text: 'Hi' } }]),
    },
  ],
  // A type of the back-end's own, as the first version allowed: it reaches the bot as text, type and payload kept.
  quick_reply: [
    { name: 'value', label: 'Value (a type of your own: the bot gets it as text)', kind: 'text', sample: 'yes' },
  ],
}

export const MESSAGE_TYPES = Object.keys(PAYLOAD_FIELDS)

const fieldValue = (field: PayloadField, raw: string): unknown => {
  switch (field.kind) {
    case 'number':
      return Number(raw)
    case 'options':
      return raw
        .split(',')
        .map((option) => option.trim())
        .filter(Boolean)
        .map((option) => ({ label: option, value: option }))
    case 'actions':
      return raw
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => {
          const [label = '', value = label] = line.split('=').map((part) => part.trim())
          return { action: /^https?:/.test(value) ? 'url' : 'postback', label, value }
        })
    case 'json':
      try {
        return JSON.parse(raw)
      } catch {
        throw new Error(`${field.label}: not valid JSON`)
      }
    default:
      return raw
  }
}

/** A type's payload from its form; an empty field is left out, so the integration names what is missing. */
export const payloadFrom = (type: string, values: Record<string, string>): Record<string, unknown> => {
  const payload: Record<string, unknown> = {}
  for (const field of PAYLOAD_FIELDS[type] ?? []) {
    const raw = values[field.name]?.trim() ?? ''
    if (raw) payload[field.name] = fieldValue(field, raw)
  }
  return payload
}

export type Draft = {
  userId: string
  conversationId: string
  type: string
  text: string
  values: Record<string, string>
}

/** The webhook body for a draft; a rich message without text gets its type as the summary. */
export const messageBody = (draft: Draft, messageId: string): Record<string, unknown> => ({
  userId: draft.userId,
  messageId,
  conversationId: draft.conversationId,
  type: draft.type,
  text: draft.text || (draft.type === 'text' ? '' : draft.type),
  ...(draft.type === 'text' ? {} : { payload: payloadFrom(draft.type, draft.values) }),
})
