import type { Client } from '@botpress/client'
import type { Writer } from '../botpress/parties'
import type { Configuration } from '../config'

/**
 * What every action is given (index.ts builds it once for all three): its input as the bot sent it (each
 * action checks it against its definition), the bot's configuration, and the integration's own client, alone
 * or as a writer.
 */
export type ActionDeps = {
  input: unknown
  ctx: { configuration: Configuration }
  client: Client
  writer: Writer
}
