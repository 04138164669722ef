/** Tag definitions, as the definition has them: `{ [name]: { title?, description? } }`. */
type Tags = Record<string, { title?: string; description?: string }>
type Creation = { enabled: boolean; requiredTags: string[] }
type Schemas = Record<string, object>

type ConfigurationBody = {
  title?: string
  description?: string
  schema?: object
  identifier?: { required?: boolean; linkTemplateScript?: string }
}

type ChannelBody = {
  title?: string
  description?: string
  messages: Schemas
  conversation?: { tags?: Tags; creation?: Creation }
  message?: { tags?: Tags }
}

/** The fields of a `createIntegration` or `updateIntegration` body that the stand-in keeps. */
export type IntegrationBody = {
  name: string
  version: string
  title?: string
  description?: string
  icon?: string
  readme?: string
  url?: string
  public?: boolean
  visibility?: 'public' | 'private' | 'unlisted'
  identifier?: { extractScript?: string; fallbackHandlerScript?: string }
  configuration?: ConfigurationBody
  configurations?: Record<string, ConfigurationBody>
  channels?: Record<string, ChannelBody>
  user?: { tags?: Tags; creation?: Creation }
  states?: Schemas
  events?: Schemas
  actions?: Schemas
  entities?: Schemas
  attributes?: Record<string, string>
  secrets?: Record<string, string | null>
  /** The bundle: kept, never run. */
  code?: string
}

export type IntegrationMeta = { id: string; createdAt: string; updatedAt: string }

// Answers always carry `creation`; an integration that declares none has it disabled.
const NO_CREATION: Creation = { enabled: false, requiredTags: [] }

const mapValues = <T, R>(record: Record<string, T>, map: (value: T) => R): Record<string, R> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))

const configurationRecord = (configuration: ConfigurationBody = {}) => ({
  title: configuration.title,
  description: configuration.description,
  schema: configuration.schema ?? {},
  identifier: { required: false, ...configuration.identifier },
})

const channelRecord = (channel: ChannelBody) => ({
  title: channel.title,
  description: channel.description,
  messages: channel.messages,
  conversation: { tags: channel.conversation?.tags ?? {}, creation: channel.conversation?.creation ?? NO_CREATION },
  message: { tags: channel.message?.tags ?? {} },
})

// Botpress answers with URLs to the uploaded files; data URLs carry them without a file server.
const dataUrl = (mimeType: string, base64?: string) => (base64 ? `data:${mimeType};base64,${base64}` : '')

/** The `Integration` Botpress answers for a deployed definition: every field the schema requires, defaults filled. */
export const integrationRecord = (body: IntegrationBody, meta: IntegrationMeta) => ({
  ...meta,
  name: body.name,
  version: body.version,
  title: body.title ?? body.name,
  description: body.description ?? '',
  url: body.url ?? '',
  identifier: body.identifier ?? {},
  // Implementing an interface would need the hub's interfaces, which the stand-in does not have.
  interfaces: {},
  configuration: configurationRecord(body.configuration),
  configurations: mapValues(body.configurations ?? {}, configurationRecord),
  channels: mapValues(body.channels ?? {}, channelRecord),
  user: { tags: body.user?.tags ?? {}, creation: body.user?.creation ?? NO_CREATION },
  states: body.states ?? {},
  events: body.events ?? {},
  actions: body.actions ?? {},
  entities: body.entities ?? {},
  attributes: body.attributes ?? {},
  dev: false,
  iconUrl: dataUrl('image/svg+xml', body.icon),
  readmeUrl: dataUrl('text/markdown', body.readme),
  public: body.public ?? false,
  visibility: body.visibility ?? (body.public ? 'public' : 'private'),
  verificationStatus: 'unapproved',
  lifecycleStatus: 'published',
  secrets: Object.keys(body.secrets ?? {}),
})

export type IntegrationRecord = ReturnType<typeof integrationRecord>

/** An item of `listIntegrations`: the summary fields of an integration. */
export const integrationSummary = (integration: IntegrationRecord) => {
  const { id, name, version, createdAt, updatedAt, title, description, iconUrl } = integration
  const { public: isPublic, visibility, verificationStatus, lifecycleStatus } = integration
  return {
    ...{ id, name, version, createdAt, updatedAt, title, description, iconUrl },
    ...{ public: isPublic, visibility, verificationStatus, lifecycleStatus },
  }
}

/** An update body sends `null` for what was removed locally (an action, a tag…): the stored definition drops it. */
export const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== null)
      .map(([key, inner]) => [key, withoutNulls(inner)])
  )
}
