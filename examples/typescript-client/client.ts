import createClient from 'openapi-fetch'
import type { components, paths } from './schema'

export type Delivery = components['schemas']['MessageDelivery']
type ErrorAnswer = components['schemas']['Error']

/** A client of one webhook URL: every path, body and answer typed from the OpenAPI document. */
export const messagingApi = (webhookUrl: string, token: string) =>
  createClient<paths>({ baseUrl: webhookUrl, headers: { Authorization: `bearer ${token}` } })

export type MessagingApi = ReturnType<typeof messagingApi>

/** Every error answer is an `Error`: a stable code to branch on, a message to log, and the invalid fields. */
export const failure = (what: string, { error }: ErrorAnswer, response: Response) => {
  const fields = error.issues ? ` (${error.issues.map((issue) => issue.path).join(', ')})` : ''
  return new Error(`${what}: ${response.status} ${error.code}: ${error.message}${fields}`)
}

/** One line per bot message; `type` narrows `payload` to the fields of its type. */
export const describeDelivery = (delivery: Delivery): string => {
  switch (delivery.type) {
    case 'text':
      return `text "${delivery.payload.text}"`
    case 'markdown':
      return `markdown "${delivery.payload.markdown}"`
    case 'image':
      return `image ${delivery.payload.imageUrl}`
    case 'choice':
    case 'dropdown':
      return `${delivery.type} "${delivery.payload.text}": ${delivery.payload.options.map((o) => o.label).join(', ')}`
    default:
      return `${delivery.type} ${JSON.stringify(delivery.payload)}`
  }
}
