import { IntegrationDefinition } from '@botpress/sdk'
import { actions, channels, configuration, events, INTEGRATION_NAME, states, user } from './definitions'

export default new IntegrationDefinition({
  name: INTEGRATION_NAME,
  title: 'Messaging API',
  description:
    'Talk to your bot from any back-end over plain HTTP: POST user messages in, receive bot replies at your endpoint.',
  version: '1.2.1',
  readme: 'hub.md',
  icon: 'icon.svg',
  configuration,
  channels,
  user,
  events,
  states,
  actions,
})
