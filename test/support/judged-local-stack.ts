import { startLocalStack, type LocalStackOptions } from '../../dev/local-stack'
import { openApiConformance } from './openapi-conformance'

/** `npm start`'s stack on free ports and quiet, every answer of its webhook URL and every delivery judged by openapi.yaml. */
export const startJudgedLocalStack = (options: Partial<LocalStackOptions> = {}) =>
  startLocalStack({
    cloudPort: 0,
    inboxPort: 0,
    integrationPort: 0,
    log: () => {},
    onExchange: (exchange) => openApiConformance.answer(exchange),
    onDelivery: (entry) => openApiConformance.delivery(entry),
    ...options,
  })

export type JudgedLocalStack = Awaited<ReturnType<typeof startJudgedLocalStack>>
