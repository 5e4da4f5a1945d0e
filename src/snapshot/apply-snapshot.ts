/**
 * Creates a validated Snapshot in an empty account, in ONE store transaction: everything
 * commits together or, on any failure, nothing does. Ids, ARNs, creation dates and policy
 * versions are kept as the file gives them.
 */
import { isStoreError, type Store } from '../store/index.js'
import type { Snapshot } from './model.js'
import { SnapshotError } from './snapshot-error.js'

/** What an import created. */
export interface ImportSummary {
  accountId: string
  users: number
  groups: number
  roles: number
  policies: number
  policyVersions: number
  instanceProfiles: number
}

/** Runs `fn`; a failure becomes a SnapshotError at `at` (the entry that could not be created). */
async function at<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof SnapshotError) throw err
    if (isStoreError(err)) throw new SnapshotError([{ path, message: err.message }])
    throw err
  }
}

async function requireEmpty(tx: Store): Promise<void> {
  const one = { maxItems: 1 }
  const found = [
    ['users', (await tx.listUsers(one)).items.length],
    ['groups', (await tx.listGroups(one)).items.length],
    ['roles', (await tx.listRoles(one)).items.length],
    ['customer managed policies', (await tx.listPolicies(one)).items.length],
    ['instance profiles', (await tx.listInstanceProfiles(one)).items.length]
  ].filter(([, n]) => n !== 0).map(([what]) => what)
  if (found.length > 0) {
    throw new SnapshotError([{ path: '$', message: `the account already holds ${found.join(', ')}; import into a new data directory` }])
  }
}

/** Creates everything in `s` inside one transaction of `store`; the account must be `s.accountId` and empty. */
export async function applySnapshot(store: Store, s: Snapshot): Promise<ImportSummary> {
  return store.transaction(async (tx) => {
    const account = await tx.getAccount()
    if (s.accountId !== undefined && account?.id !== s.accountId) {
      throw new SnapshotError([{ path: '$', message: `the file is account ${s.accountId}'s, the data directory holds account ${account?.id ?? '(none)'}` }])
    }
    await requireEmpty(tx)
    for (const p of s.policies) {
      const defaultVersion = p.versions.find((v) => v.isDefaultVersion)!
      await at(p.at, () => tx.createPolicy({
        id: p.id, name: p.name, path: p.path, document: defaultVersion.document, createDate: p.createDate, updateDate: p.updateDate,
        ...(p.description !== undefined ? { description: p.description } : {}),
        versions: p.versions.map((v) => ({ versionId: v.versionId, document: v.document, isDefaultVersion: v.isDefaultVersion, createDate: v.createDate }))
      }))
    }
    const groupNames = new Map(s.groups.map((g) => [g.name.toLowerCase(), g.name]))
    for (const g of s.groups) {
      const ref = { type: 'group' as const, name: g.name }
      await at(g.at, () => tx.createGroup({ id: g.id, name: g.name, path: g.path, createDate: g.createDate }))
      for (const i of g.inline) await at(i.at, () => tx.putInlinePolicy(ref, i.name, i.document))
      for (const a of g.attached) await at(a.at, () => tx.attachPolicy(ref, a.arn))
    }
    for (const u of s.users) {
      const ref = { type: 'user' as const, name: u.name }
      await at(u.at, () => tx.createUser({
        id: u.id, name: u.name, path: u.path, createDate: u.createDate, tags: u.tags,
        ...(u.boundary !== undefined ? { permissionsBoundaryArn: u.boundary.arn } : {})
      }))
      for (const i of u.inline) await at(i.at, () => tx.putInlinePolicy(ref, i.name, i.document))
      for (const a of u.attached) await at(a.at, () => tx.attachPolicy(ref, a.arn))
      for (const g of u.groups) await at(g.at, () => tx.addUserToGroup(groupNames.get(g.name.toLowerCase()) ?? g.name, u.name))
    }
    for (const r of s.roles) {
      const ref = { type: 'role' as const, name: r.name }
      await at(r.at, () => tx.createRole({
        id: r.id, name: r.name, path: r.path, createDate: r.createDate, assumeRolePolicyDocument: r.trust, tags: r.tags,
        ...(r.description !== undefined ? { description: r.description } : {}),
        ...(r.maxSessionDuration !== undefined ? { maxSessionDuration: r.maxSessionDuration } : {}),
        ...(r.boundary !== undefined ? { permissionsBoundaryArn: r.boundary.arn } : {})
      }))
      for (const i of r.inline) await at(i.at, () => tx.putInlinePolicy(ref, i.name, i.document))
      for (const a of r.attached) await at(a.at, () => tx.attachPolicy(ref, a.arn))
      if (r.lastUsed !== undefined) await at(r.at, () => tx.recordRoleUsed(r.name, r.lastUsed!.date, r.lastUsed!.region))
      for (const p of r.profiles) {
        await at(p.at, () => tx.createInstanceProfile({ id: p.id, name: p.name, path: p.path, createDate: p.createDate, tags: p.tags }))
        await at(p.at, () => tx.addRoleToInstanceProfile(p.name, r.name))
      }
    }
    return {
      accountId: account?.id ?? '',
      users: s.users.length,
      groups: s.groups.length,
      roles: s.roles.length,
      policies: s.policies.length,
      policyVersions: s.policies.reduce((n, p) => n + p.versions.length, 0),
      instanceProfiles: s.roles.reduce((n, r) => n + r.profiles.length, 0)
    }
  })
}
