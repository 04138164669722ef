// A response endpoint for the Messaging API, in Node.js 20+ with no framework.
//
// It verifies each delivery's signature (Standard Webhooks), drops the deliveries it already had (by webhook-id),
// and answers the user through the webhook URL. Copy it, then `npm install standardwebhooks` beside it.
//
//   WEBHOOK_URL=…  TOKEN=…  SIGNING_SECRET=whsec_…  PORT=3000  node receiver.mjs
//
// Its endpoint is http://127.0.0.1:$PORT/botpress/replies: set it as the Response Endpoint URL.

import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

const { WEBHOOK_URL, TOKEN, SIGNING_SECRET, PORT = '3000' } = process.env
if (!WEBHOOK_URL || !TOKEN || !SIGNING_SECRET) {
  console.error('Set WEBHOOK_URL, TOKEN and SIGNING_SECRET (and PORT, default 3000).')
  process.exit(1)
}

const PATH = '/botpress/replies'
/** Who the replies of this receiver are written as: your back-end's id for the user. */
const USER_ID = 'example-receiver'
/** A delivery may come again after an answer that was lost: remember its id for longer than retries last. */
const DEDUPE_MS = 10 * 60_000

const webhook = new Webhook(SIGNING_SECRET)
const seen = new Map() // webhook-id → when it was first processed
const answered = new Set() // conversations this receiver has answered

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/** True the first time an id is seen within DEDUPE_MS. */
const isNew = (id) => {
  const now = Date.now()
  for (const [old, at] of seen) if (now - at > DEDUPE_MS) seen.delete(old)
  if (seen.has(id)) return false
  seen.set(id, now)
  return true
}

/** Sends a user message to the bot. Its messageId comes from the delivery, so a retry never writes it twice. */
const sendToBot = async (conversationId, text, messageId) => {
  const response = await fetch(WEBHOOK_URL, {
    method: 'POST',
    headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: USER_ID, messageId, conversationId, type: 'text', text }),
  })
  console.log(`${conversationId} → ${JSON.stringify(text)}: ${response.status}`)
}

/** What your back-end does with a delivery; here, it answers each conversation's first text once. */
const handle = async (id, delivery) => {
  if (delivery.type === 'ping') {
    console.log('connection check received')
    return
  }
  if (delivery.type === 'event') {
    console.log(`${delivery.conversationId} ← event ${delivery.name} ${JSON.stringify(delivery.payload)}`)
    return
  }
  const { conversationId, type, payload } = delivery
  console.log(`${conversationId} ← ${type} ${JSON.stringify(payload)}`)
  // Answering every message would never end with a bot that answers every message (the demo bot echoes).
  if (type !== 'text' || answered.has(conversationId)) return
  answered.add(conversationId)
  await sendToBot(conversationId, `Thanks! The receiver got "${payload.text}"`, `reply-to-${id}`)
}

const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== PATH) return res.writeHead(404).end()
  const raw = await readBody(req)
  let delivery
  try {
    // Against the raw body, before parsing: throws on a wrong signature or a timestamp more than 5 minutes off.
    delivery = webhook.verify(raw, req.headers)
  } catch (error) {
    console.log(`refused a delivery: ${error.message}`)
    return res.writeHead(400).end()
  }
  const id = req.headers['webhook-id']
  if (!isNew(id)) {
    console.log(`duplicate ${id}: already processed`)
    return res.writeHead(204).end()
  }
  // Answer first: the integration waits for this answer, and the reply below is a request of its own.
  res.writeHead(204).end()
  handle(id, delivery).catch((error) => console.error(`could not handle ${id}: ${error.message}`))
})

server.listen(Number(PORT), '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}${PATH}`)
})
