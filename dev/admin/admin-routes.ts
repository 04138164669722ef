import { randomUUID } from 'node:crypto'
import { ApiFailure, notFound } from '../cloud/api-failure'
import {
  integrationRecord,
  integrationSummary,
  withoutNulls,
  type IntegrationBody,
  type IntegrationRecord,
} from './integration-record'
import { workspaceRecord, type Workspace } from './workspace'

/** A deployed integration version: the definition as sent, and the answer Botpress gives for it. */
export type StoredIntegration = { body: IntegrationBody; record: IntegrationRecord }

export type AdminContext = {
  workspace: Workspace
  /** By integration version id. */
  integrations: Map<string, StoredIntegration>
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  startedAt: string
}

// Botpress's integration version ids: a prefix and a ULID-sized suffix (33 characters).
const newIntegrationId = () => `intver_${randomUUID().replace(/-/g, '').slice(0, 26).toUpperCase()}`

const store = (c: AdminContext, body: IntegrationBody, id: string, createdAt: string) => {
  const record = integrationRecord(body, { id, createdAt, updatedAt: new Date().toISOString() })
  c.integrations.set(id, { body, record })
  return { integration: record }
}

const byName = (c: AdminContext, name: string, version: string) =>
  [...c.integrations.values()].find(({ record }) => record.name === name && record.version === version)

/** The operations `bp login` and `bp deploy` call, by their name in the admin definition. */
export const ADMIN_ROUTES: Record<string, (c: AdminContext) => unknown> = {
  // `bp login` checks the token with it.
  listBots: () => ({ bots: [], meta: {} }),
  getWorkspace: (c) => {
    if (c.params.id !== c.workspace.id) throw notFound('Workspace', c.params.id ?? '')
    return workspaceRecord(c.workspace, c.startedAt)
  },
  getIntegrationByName: (c) => {
    const { name = '', version = '' } = c.params
    const found = byName(c, name, version)
    if (!found) throw notFound('Integration', `${name}@${version}`)
    return { integration: found.record }
  },
  // The local hub is empty: every integration is the workspace's own.
  getPublicIntegration: (c) => {
    throw notFound('Public integration', `${c.params.name}@${c.params.version}`)
  },
  listIntegrations: (c) => {
    const name = c.query.get('name')
    const version = c.query.get('version')
    const integrations = [...c.integrations.values()]
      .map(({ record }) => record)
      .filter((record) => (name === null || record.name === name) && (version === null || record.version === version))
    return { integrations: integrations.map(integrationSummary), meta: {} }
  },
  createIntegration: (c) => {
    const body = c.body as IntegrationBody
    if (byName(c, body.name, body.version)) {
      throw new ApiFailure(409, 'AlreadyExists', `Integration ${body.name}@${body.version} already exists`)
    }
    return store(c, body, newIntegrationId(), new Date().toISOString())
  },
  updateIntegration: (c) => {
    const id = c.params.id ?? ''
    const existing = c.integrations.get(id)
    if (!existing) throw notFound('Integration', id)
    const body = { ...existing.body, ...(withoutNulls(c.body) as Partial<IntegrationBody>) }
    return store(c, body, id, existing.record.createdAt)
  },
}
