import { z, type ActionDefinition } from '@botpress/sdk'
import { LIMITS } from './limits'

// The back-end's own ids and the user's name, alike in every action that takes them.
const userId = z.string().min(1).max(LIMITS.idLength).describe("Your back-end's user id")
const userName = z.string().min(1).max(LIMITS.userNameLength).optional().describe('The name to give the user')

export const actions = {
  sendEvent: {
    title: 'Send event to back-end',
    description:
      'POSTs { type: "event", name, payload, conversationId, botpressConversationId, createdAt } to the Response Endpoint URL, signed and retried like messages',
    input: {
      schema: z.object({
        botpressConversationId: z
          .string()
          .min(1)
          .optional()
          .describe('The Botpress conversation id, as the bot has it (event.conversationId)'),
        conversationId: z
          .string()
          .min(1)
          .optional()
          .describe('Deprecated: the old name of botpressConversationId (the Botpress conversation id)'),
        name: z.string().min(1).max(LIMITS.eventNameLength).describe('The event name your back-end will receive'),
        payload: z.record(z.any()).describe('The event data your back-end will receive'),
      }),
    },
    output: { schema: z.object({}) },
  },
  startConversation: {
    title: 'Start a conversation',
    description:
      "Gets or creates the user and the conversation for your back-end's ids, tagged as if the user had written first, so the bot can send the first message",
    input: {
      schema: z.object({
        userId,
        conversationId: z
          .string()
          .min(1)
          .max(LIMITS.idLength)
          .describe("Your back-end's conversation id (replies carry it)"),
        userName,
      }),
    },
    output: {
      schema: z.object({
        botpressUserId: z.string().describe('The Botpress user id'),
        botpressConversationId: z.string().describe('The Botpress conversation id to send messages in'),
      }),
    },
  },
  getOrCreateUser: {
    title: 'Get or create a user',
    description:
      "Gets or creates the user for your back-end's user id, tagged as if the user had written, and returns its Botpress id",
    input: { schema: z.object({ userId, userName }) },
    output: { schema: z.object({ botpressUserId: z.string().describe('The Botpress user id') }) },
  },
} satisfies Record<string, ActionDefinition>
