/** The workspace the CLI deploys to. `handle` is what `bp deploy` prefixes the integration's name with. */
export type Workspace = { id: string; name: string; handle: string }

/** `getWorkspace`'s answer: every field the schema requires. */
export const workspaceRecord = (workspace: Workspace, createdAt: string) => ({
  ...workspace,
  ownerId: `local-owner-of-${workspace.id}`,
  createdAt,
  updatedAt: createdAt,
  botCount: 0,
  billingVersion: 'v4',
  plan: 'community',
  blocked: false,
  spendingLimit: 0,
  activeTrialId: null,
})
