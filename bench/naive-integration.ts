import { Client } from '@botpress/client'
import { Integration } from '@botpress/sdk'
import { startOnLoopback } from '../dev/http/listen'
import { readBearerToken } from '../src/inbound/request/authorization'
import { parseInboundMessage } from '../src/inbound/write/parse-message'

/**
 * The baseline the benchmark compares against: the first version's intake, three Botpress calls in
 * sequence for every message (user, conversation, message), with the same validation and auth.
 */
const naive = new Integration({
  register: async () => {},
  unregister: async () => {},
  actions: {},
  channels: {},
  handler: async ({ req, ctx }) => {
    const token = readBearerToken(req.headers)
    const input = parseInboundMessage(JSON.parse(req.body ?? ''))
    const client = new Client({ token, botId: ctx.botId, integrationId: ctx.integrationId })
    const { user } = await client.getOrCreateUser({ tags: { id: input.userId } })
    const { conversation } = await client.getOrCreateConversation({
      channel: 'channel',
      tags: { id: input.conversationId },
    })
    const { message } = await client.getOrCreateMessage({
      tags: { id: input.messageId },
      type: input.type,
      payload: input.payload,
      userId: user.id,
      conversationId: conversation.id,
    })
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, user, conversation }),
    }
  },
})

void startOnLoopback(naive, Number(process.env.PORT))
