import { IntegrationDefinition } from '@botpress/sdk'
import { configuration, channels, user } from './definitions'

export default new IntegrationDefinition({
  name: 'messaging-api',
  title: 'Messaging API',
  description:
    'Talk to your bot from any back-end over plain HTTP: POST user messages in, receive bot replies at your endpoint.',
  version: '1.0.0',
  readme: 'hub.md',
  icon: 'icon.svg',
  configuration,
  channels,
  user,
})
