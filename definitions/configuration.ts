import { z, type ConfigurationDefinition } from '@botpress/sdk'

export const configuration = {
  schema: z.object({
    responseEndpointURL: z
      .string()
      .url()
      .optional()
      .describe(
        "Optional. Your server endpoint that receives every message the bot sends (HTTP POST, JSON). It must be http(s), publicly reachable from the internet (private, loopback and link-local addresses are refused), carry no credentials in the URL, and answer 2xx. Leave it empty if your back-end cannot receive requests: it then reads the bot's messages with GET {webhook URL}/messages (long polling), and the bot cannot use sendEvent."
      )
      .title('Response Endpoint URL'),
    signingSecret: z
      .string()
      .optional()
      .describe(
        'Optional. A Standard Webhooks secret ("whsec_" followed by base64, e.g. from `echo whsec_$(openssl rand -base64 32)`). When set, every delivery is signed (webhook-signature header) so your endpoint can verify it comes from your bot.'
      )
      .title('Signing Secret'),
    deliveryHeaders: z
      .array(z.object({ name: z.string().describe('Header name'), value: z.string().describe('Header value') }))
      .optional()
      .describe(
        'Optional. Extra HTTP headers sent with every delivery, such as an API key your endpoint requires. They cannot be Content-Type, Content-Length, Host, Connection, Transfer-Encoding or a webhook-* header, and are never logged.'
      )
      .title('Delivery Headers'),
    deliveryTimeoutSeconds: z
      .number()
      .optional()
      .describe('Optional. How long one delivery attempt may wait for your endpoint: 1 to 15 seconds, default 10.')
      .title('Delivery Timeout (seconds)'),
    maxDeliveryAttempts: z
      .number()
      .optional()
      .describe(
        'Optional. Attempts per delivery, first one included: 1 to 6, default 4. All attempts fit in 25 seconds.'
      )
      .title('Max Delivery Attempts'),
    inboundSecret: z
      .string()
      .optional()
      .describe(
        'Optional. A shared secret of at least 32 characters, not starting or ending with whitespace. Your back-end may then send "Authorization: bearer <this secret>" instead of a personal access token, and the integration writes, and reads every conversation of the bot, with its own credentials.'
      )
      .title('Inbound Shared Secret'),
  }),
} satisfies ConfigurationDefinition
