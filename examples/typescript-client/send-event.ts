import { failure, type MessagingApi } from './client'

/** A custom event with any JSON payload; sent again with the same `eventId`, it creates nothing. */
export const sendOrderShipped = async (api: MessagingApi, parties: { userId: string; conversationId: string }) => {
  const { data, error, response } = await api.POST('/events', {
    body: {
      ...parties,
      name: 'order shipped',
      payload: { orderId: 7 },
      eventId: `order-7-shipped-${parties.conversationId}`,
    },
  })
  if (error) throw failure('send an event', error, response)
  return data // the event's id, and `duplicate: true` when this eventId was sent before
}
