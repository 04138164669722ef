/** One message the demo bot sends, after `delayMs` if given (to show and test waiting for replies). */
export type Reply = { type: string; payload: Record<string, unknown>; delayMs?: number }

/** A custom event the demo bot sends to the back-end with the integration's `sendEvent` action. */
export type EmittedEvent = { emit: { name: string; payload: Record<string, unknown> } }

/** The demo bot starts a conversation of the back-end's with the `startConversation` action and writes first in it. */
export type StartedConversation = { start: { conversationId: string; text: string } }

/** The demo bot's handler throws with this reason (to show and test a turn that fails). */
export type Failure = { fail: string }

/** The demo bot's handler keeps working this long without sending anything. */
export type Pause = { pauseMs: number }

/** The demo bot schedules a reminder event in the conversation, due after `inMs` (Botpress keeps it `scheduled`). */
export type Reminder = { remind: { inMs: number } }

/** One step of the demo bot's answer to a message, in order. */
export type BotAction = Reply | EmittedEvent | StartedConversation | Failure | Pause | Reminder

export const isEmittedEvent = (action: BotAction): action is EmittedEvent => 'emit' in action
export const isStart = (action: BotAction): action is StartedConversation => 'start' in action
export const isFailure = (action: BotAction): action is Failure => 'fail' in action
export const isPause = (action: BotAction): action is Pause => 'pauseMs' in action
export const isReminder = (action: BotAction): action is Reminder => 'remind' in action

/** An image the local cloud serves, so every sample shows offline. */
const MEDIA = `${process.env.BP_API_URL ?? 'http://127.0.0.1:8070'}/playground/sample.svg`

/** A sample of every rich type, keyed by the keyword that asks for it. */
export const SAMPLES: Record<string, Reply> = {
  markdown: { type: 'markdown', payload: { markdown: '**Bold**, _italic_ and a [link](https://botpress.com)' } },
  image: { type: 'image', payload: { imageUrl: MEDIA } },
  audio: { type: 'audio', payload: { audioUrl: 'https://example.com/sample.mp3' } },
  video: { type: 'video', payload: { videoUrl: 'https://example.com/sample.mp4' } },
  file: { type: 'file', payload: { fileUrl: 'https://example.com/terms.pdf', title: 'Terms of service' } },
  location: { type: 'location', payload: { latitude: 45.5017, longitude: -73.5673, title: 'Montréal' } },
  card: {
    type: 'card',
    payload: {
      title: 'A card',
      subtitle: 'With an image and two actions',
      imageUrl: MEDIA,
      actions: [
        { action: 'postback', label: 'Say yes', value: 'yes' },
        { action: 'url', label: 'Open the docs', value: 'https://botpress.com/docs' },
      ],
    },
  },
  carousel: {
    type: 'carousel',
    payload: {
      items: ['First', 'Second', 'Third'].map((title) => ({
        title,
        subtitle: `The ${title.toLowerCase()} card`,
        actions: [{ action: 'postback', label: `Pick ${title}`, value: title.toLowerCase() }],
      })),
    },
  },
  dropdown: {
    type: 'dropdown',
    payload: { text: 'Pick a size', options: ['small', 'medium', 'large'].map((v) => ({ label: v, value: v })) },
  },
  choice: {
    type: 'choice',
    payload: {
      text: 'Do you like it?',
      options: [
        { label: 'Yes', value: 'yes' },
        { label: 'No', value: 'no' },
      ],
    },
  },
  bloc: {
    type: 'bloc',
    payload: {
      items: [
        { type: 'text', payload: { text: 'A bloc groups messages:' } },
        { type: 'image', payload: { imageUrl: MEDIA } },
      ],
    },
  },
}

const text = (value: string): Reply => ({ type: 'text', payload: { text: value } })

export const HELP = `Send any text and I echo it. Keywords: ${Object.keys(SAMPLES).join(', ')}, all (one of each), many (three in a row), slow (answer after 1 s), delay <seconds> (answer after that long, up to 30), work <seconds> (answer after 1 s, finish after that long), think <seconds> (finish after that long, silent), pause (answer, pause 2.5 s, answer again, then finish), fail (answer, then fail), silent (no answer), remind (I schedule a reminder for tomorrow), event (I send your back-end a custom event), start <conversationId> (I start that conversation with you and write first in it), help.`

const MAX_DELAY_SECONDS = 30

export const FAILURE_REASON = 'The demo bot failed on purpose: you sent "fail".'

/** Where each media type keeps its URL: the demo bot says what it received, so a back-end sees it arrive. */
const MEDIA_URL_FIELDS: Record<string, string> = {
  image: 'imageUrl',
  audio: 'audioUrl',
  video: 'videoUrl',
  file: 'fileUrl',
}

/** `I received a <type> message.`, with its URL (and a file's title) for media. */
export const describeReceived = ({ type, payload }: Reply): string => {
  const field = MEDIA_URL_FIELDS[type]
  if (!field) return `I received a ${type} message.`
  const title = typeof payload.title === 'string' ? ` ("${payload.title}")` : ''
  return `I received a ${type} message: ${String(payload[field])}${title}`
}

/**
 * What the demo bot answers to one incoming message. Pure, so it is tested without a server.
 * Text is echoed; a keyword asks for that rich type; "many" gives several messages in a row.
 */
export const repliesTo = (incoming: Reply): BotAction[] => {
  if (incoming.type !== 'text') {
    return [text(describeReceived(incoming))]
  }
  // A type of the back-end's own arrives as text, its type and payload beside the text.
  const { originalType, originalPayload } = incoming.payload
  if (typeof originalType === 'string') {
    return [
      text(
        `You sent a "${originalType}" saying "${String(incoming.payload.text)}" with ${JSON.stringify(originalPayload ?? null)}`
      ),
    ]
  }
  const said = String(incoming.payload.text ?? '').trim()
  const keyword = said.toLowerCase()
  const sample = SAMPLES[keyword]
  if (sample) return [sample]
  if (keyword === 'help') return [text(HELP)]
  if (keyword === 'all') return [text('One of each type:'), ...Object.values(SAMPLES)]
  if (keyword === 'many') return [1, 2, 3].map((n) => text(`Message ${n} of 3`))
  if (keyword === 'silent') return []
  if (keyword === 'remind') return [{ remind: { inMs: 86_400_000 } }, text('I will remind you tomorrow.')]
  if (keyword === 'event') {
    return [
      { emit: { name: 'demo', payload: { sentBy: 'the demo bot', reason: 'you asked for an event' } } },
      text('I sent your back-end a custom event named "demo".'),
    ]
  }
  if (keyword === 'pause') {
    return [
      { ...text('Let me check…'), delayMs: 100 },
      { ...text('Here it is, 2.5 s later.'), delayMs: 2_500 },
      { pauseMs: 50 },
    ]
  }
  const started = /^start (\S{1,100})$/.exec(said)?.[1]
  if (started) {
    return [
      { start: { conversationId: started, text: `Hello! I started this conversation (${started}) myself.` } },
      text(`I started conversation ${started} and wrote first in it.`),
    ]
  }
  if (keyword === 'fail') return [text('I am about to fail on purpose.'), { fail: FAILURE_REASON }]
  if (keyword === 'slow') return [{ ...text('Sorry for the wait: 1 s'), delayMs: 1_000 }]
  const [, worked] = /^work (\d+(?:\.\d+)?)$/.exec(keyword) ?? []
  if (worked) {
    const seconds = Math.max(1, Math.min(MAX_DELAY_SECONDS, Number(worked)))
    return [{ ...text('Working on it…'), delayMs: 1_000 }, { pauseMs: (seconds - 1) * 1000 }]
  }
  const [, thought] = /^think (\d+(?:\.\d+)?)$/.exec(keyword) ?? []
  if (thought) return [{ pauseMs: Math.min(MAX_DELAY_SECONDS, Number(thought)) * 1000 }]
  const delay = /^delay (\d+(?:\.\d+)?)$/.exec(keyword)?.[1]
  if (delay) {
    const seconds = Math.min(MAX_DELAY_SECONDS, Number(delay))
    return [{ ...text(`Answered after ${seconds} s`), delayMs: seconds * 1000 }]
  }
  return [text(`You said: ${said}`)]
}

/** What the demo bot says when the back-end sends it a custom event. */
export const replyToEvent = (name: string, payload: Record<string, unknown>): Reply =>
  text(`Event "${name}" received with ${JSON.stringify(payload)}`)
