import { messages } from '@botpress/sdk'
import { describe, expect, it } from 'vitest'
import { FAILURE_REASON, HELP, repliesTo, replyToEvent, SAMPLES } from '../dev/bot/replies'

const text = (value: string) => ({ type: 'text', payload: { text: value } })

describe('demo bot replies', () => {
  it('echoes text', () => {
    expect(repliesTo(text('  hi there '))).toEqual([text('You said: hi there')])
  })

  it('has a keyword for every rich type, each sample valid for its type', () => {
    const types = Object.values(SAMPLES).map((s) => s.type)
    expect(types.sort()).toEqual(
      Object.keys(messages.defaults)
        .filter((t) => t !== 'text')
        .sort()
    )
    for (const sample of Object.values(SAMPLES)) {
      const schema = messages.defaults[sample.type as keyof typeof messages.defaults].schema
      expect(schema.safeParse(sample.payload).success, sample.type).toBe(true)
    }
  })

  it('starts the conversation named after "start", writes first in it, and says so', () => {
    expect(repliesTo(text('start chat-7'))).toEqual([
      { start: { conversationId: 'chat-7', text: 'Hello! I started this conversation (chat-7) myself.' } },
      text('I started conversation chat-7 and wrote first in it.'),
    ])
    expect(repliesTo(text('start'))).toEqual([text('You said: start')])
  })

  it('answers a keyword in any case with its sample', () => {
    expect(repliesTo(text('Carousel'))).toEqual([SAMPLES.carousel])
  })

  it('sends several messages in a row for "many" and one of each for "all"', () => {
    expect(repliesTo(text('many'))).toHaveLength(3)
    expect(repliesTo(text('all'))).toHaveLength(1 + Object.keys(SAMPLES).length)
  })

  it('answers later on "slow" and "delay <seconds>", and not at all on "silent"', () => {
    expect(repliesTo(text('slow'))).toEqual([{ ...text('Sorry for the wait: 1 s'), delayMs: 1000 }])
    expect(repliesTo(text('delay 2.5'))).toEqual([{ ...text('Answered after 2.5 s'), delayMs: 2500 }])
    expect(repliesTo(text('delay 999'))).toEqual([{ ...text('Answered after 30 s'), delayMs: 30_000 }])
    // Bots that keep working after their reply, or say nothing: `npm run bench:wait` times waits on them.
    expect(repliesTo(text('work 5'))).toEqual([{ ...text('Working on it…'), delayMs: 1000 }, { pauseMs: 4000 }])
    expect(repliesTo(text('think 5'))).toEqual([{ pauseMs: 5000 }])
    expect(repliesTo(text('silent'))).toEqual([])
  })

  it('pauses longer than a second between two replies on "pause", then finishes a little later', () => {
    expect(repliesTo(text('pause'))).toEqual([
      { ...text('Let me check…'), delayMs: 100 },
      { ...text('Here it is, 2.5 s later.'), delayMs: 2500 },
      { pauseMs: 50 },
    ])
  })

  it('answers, then fails on purpose on "fail"', () => {
    expect(repliesTo(text('fail'))).toEqual([text('I am about to fail on purpose.'), { fail: FAILURE_REASON }])
  })

  it('sends a custom event on "event", and answers the back-end\'s events', () => {
    const [emitted, said] = repliesTo(text('event'))
    expect(emitted).toEqual({ emit: { name: 'demo', payload: expect.any(Object) } })
    expect(said).toEqual(text('I sent your back-end a custom event named "demo".'))
    expect(replyToEvent('order shipped', { orderId: 7 })).toEqual(
      text('Event "order shipped" received with {"orderId":7}')
    )
  })

  it('describes non-text messages and explains itself on "help"', () => {
    expect(repliesTo({ type: 'image', payload: { imageUrl: 'x' } })).toEqual([text('I received a image message: x')])
    expect(repliesTo({ type: 'file', payload: { fileUrl: 'f', title: 'Terms' } })).toEqual([
      text('I received a file message: f ("Terms")'),
    ])
    expect(repliesTo({ type: 'location', payload: { latitude: 1, longitude: 2 } })).toEqual([
      text('I received a location message.'),
    ])
    expect(repliesTo(text('help'))).toEqual([text(HELP)])
    for (const keyword of [
      'many',
      'slow',
      'delay <seconds>',
      'work <seconds>',
      'think <seconds>',
      'pause',
      'fail',
      'silent',
      'remind',
      'event',
    ]) {
      expect(HELP).toContain(keyword)
    }
  })
})
