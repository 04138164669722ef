import { z, type ConfigurationDefinition } from '@botpress/sdk'

export const configuration = {
  schema: z.object({
    responseEndpointURL: z
      .string()
      .url()
      .describe(
        'Your server endpoint that receives every message the bot sends (HTTP POST, JSON). It must be http(s) and answer 2xx.'
      )
      .title('Response Endpoint URL'),
  }),
} satisfies ConfigurationDefinition
