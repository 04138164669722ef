import { z, type EventDefinition } from '@botpress/sdk'

/** Events a back-end sends to the bot with `POST {webhook URL}/events`. */
export const events = {
  custom: {
    title: 'Custom event',
    description:
      'Something your back-end tells the bot that is not a message, such as "order shipped" or "page opened"',
    schema: z.object({
      name: z.string().describe('The event name your back-end chose'),
      payload: z.record(z.any()).describe('The event data your back-end sent'),
    }),
  },
} satisfies Record<string, EventDefinition>
