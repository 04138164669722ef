import { CHANNEL, INTEGRATION_NAME } from '../definitions/name'

/** A conversation as Botpress describes it: who created it, on which channel. */
export type OwnedConversation = { channel: string; integration: string }

/** This integration, as Botpress names it: its name, or `<workspace handle>/<name>` when deployed privately. */
const isThisIntegration = (integration: string) => {
  const [first, second, ...rest] = integration.split('/')
  return second === undefined ? first === INTEGRATION_NAME : !!first && second === INTEGRATION_NAME && !rest.length
}

/** Whether the conversation is this integration's: one the back-end's messages or `startConversation` made. */
export const isOwnConversation = ({ channel, integration }: OwnedConversation): boolean =>
  channel === CHANNEL && isThisIntegration(integration)
