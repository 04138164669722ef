import { readMessages } from './catch-up'
import { describeDelivery, messagingApi } from './client'
import { followFeed } from './feed'
import { sendOrderShipped } from './send-event'
import { sendImage } from './send-file'
import { sendAndWait, sendOwnType } from './send-message'

// A back-end talking to the bot through the Messaging API, written from its OpenAPI document alone:
// WEBHOOK_URL and TOKEN as the integration's page gives them (`npm start` prints local ones).
const required = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`Set ${name}.`)
  return value
}

const main = async () => {
  const api = messagingApi(required('WEBHOOK_URL'), required('TOKEN'))
  const parties = { userId: 'user-1', conversationId: process.env.CONVERSATION_ID ?? `typed-client-${Date.now()}` }

  const waited = await sendAndWait(api, parties, 'hello')
  console.log(
    `waited: complete ${waited.complete}, outcome ${waited.outcome ?? 'none'}, ${waited.replies.length} replies`
  )
  for (const reply of waited.replies) console.log(`  reply ${reply.botpressMessageId}: ${describeDelivery(reply)}`)

  const own = await sendOwnType(api, parties)
  console.log(`quick_reply written as ${own.message.type} ${own.message.id}`)
  if ('replies' in own) {
    for (const reply of own.replies) console.log(`  reply ${reply.botpressMessageId}: ${describeDelivery(reply)}`)
  }

  // A tiny PNG the back-end holds as bytes: uploaded, then sent as an image.
  const png = Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64'
    )
  )
  const image = await sendImage(api, parties, png, 'pixel.png')
  console.log(`image uploaded to ${image.url}`)
  if ('replies' in image.answer) {
    for (const reply of image.answer.replies)
      console.log(`  reply ${reply.botpressMessageId}: ${describeDelivery(reply)}`)
  }

  const sent = await sendOrderShipped(api, parties)
  console.log(`event ${sent.event.id}, duplicate ${sent.duplicate}`)

  let page = 0
  let total = 0
  for await (const messages of readMessages(api, parties.conversationId, 2)) {
    page += 1
    total += messages.length
    console.log(`page ${page}: ${messages.map((m) => m.botpressMessageId).join(' ') || '(none)'}`)
  }
  console.log(`caught up: ${total} messages in ${page} pages`)

  // The feed of every conversation after the waited message: here the first page, which comes at once.
  for await (const { messages } of followFeed(api, waited.message.id)) {
    console.log(`feed: ${messages.map((m) => `${m.conversationId}/${m.botpressMessageId}`).join(' ') || '(none)'}`)
    if (messages.length) break
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
