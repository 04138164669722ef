/** The integration's name on Botpress Hub; rename it here to deploy your own copy (see README). */
export const INTEGRATION_NAME = 'messaging-api'

/** The one channel the integration declares: every conversation it owns is in it. */
export const CHANNEL = 'channel'
