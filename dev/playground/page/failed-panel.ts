import { el, time } from './dom'
import { listFailedDeliveries, redeliver, type FailedDelivery } from './failed-deliveries'

type Source = { webhookUrl: () => string; token: () => string }

const byId = (id: string) => document.getElementById(id)!

/**
 * The "Failed deliveries" panel: lists what the endpoint missed (`GET /deliveries?status=failed`) and sends it
 * again (`POST /deliveries/redeliver`), as a back-end whose endpoint was down would; both requests show in the
 * HTTP log like any other. Switch the inbox to fail to try it.
 */
export const mountFailedPanel = (source: Source) => {
  const list = byId('failed-list')
  const status = byId('failed-status')
  const again = byId('redeliver') as HTMLButtonElement
  let shown: FailedDelivery[] = []

  const unreachable = (error: unknown) =>
    (status.textContent = `Could not reach ${source.webhookUrl()}: ${String(error)}. Is npm start running?`)

  const show = (deliveries: FailedDelivery[]) => {
    shown = deliveries
    list.replaceChildren(
      ...deliveries.map((d) =>
        el(
          'li',
          { 'data-id': d.botpressMessageId },
          el('span', { class: 'meta' }, `${time(d.failedAt)} · ${d.conversationId} · ${d.type}`),
          el('span', { class: 'reason' }, d.reason)
        )
      )
    )
    again.hidden = deliveries.length === 0
  }

  const refresh = async () => {
    const read = await listFailedDeliveries(source.webhookUrl(), source.token())
    if ('status' in read) {
      status.textContent = `GET /deliveries answered ${read.status}: see the HTTP log.`
      return
    }
    show(read.deliveries)
    status.textContent = read.deliveries.length
      ? `${read.deliveries.length} failed ${read.deliveries.length === 1 ? 'delivery' : 'deliveries'}, oldest first.`
      : 'No failed deliveries.'
  }

  byId('show-failed').addEventListener('click', () => void refresh().catch(unreachable))
  again.addEventListener('click', () => {
    const ids = shown.map((d) => d.botpressMessageId)
    status.textContent = `Redelivering ${ids.length}…`
    void redeliver(source.webhookUrl(), source.token(), ids)
      .then(async (sent) => {
        if ('status' in sent) {
          status.textContent = `POST /deliveries/redeliver answered ${sent.status}: see the HTTP log.`
          return
        }
        const delivered = sent.results.filter((r) => r.status === 'delivered').length
        await refresh()
        status.textContent = `Redelivered ${delivered} of ${ids.length}. ${status.textContent}`
      })
      .catch(unreachable)
  })
}
