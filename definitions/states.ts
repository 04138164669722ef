import { z, type StateDefinition } from '@botpress/sdk'

/** The `eventId`s a conversation has seen recently, so that a resent event creates nothing. */
export const states = {
  eventIds: {
    type: 'conversation',
    schema: z.object({
      seen: z.record(z.object({ botpressEventId: z.string(), at: z.number() })).describe('eventId → Botpress event'),
    }),
  },
} satisfies Record<string, StateDefinition>
