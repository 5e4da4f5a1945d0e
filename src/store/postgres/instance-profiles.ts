import { newEntityId } from '../ids.js'
import { PROFILE_COLUMNS, PROFILE_FROM, ROLE_COLUMNS, parseTags, profileRecord, roleRecord, tagsJson, type ProfileRow, type RoleRow } from '../records.js'
import { ALREADY_EXISTS, givenDate, CONFLICTS, notInProfile, profileFull, profileNotFound } from '../rules.js'
import type { InstanceProfileStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateInstanceProfileInput, InstanceProfileRecord, Page, PageRequest, PathPageRequest, RoleRecord, Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, pageByName, type Lock } from './principals.js'
import { roleRow } from './roles.js'
import type { PgSession } from './session.js'

async function findProfile(s: PgSession, name: string): Promise<ProfileRow | undefined> {
  return s.get<ProfileRow>(`SELECT ${PROFILE_COLUMNS} FROM ${PROFILE_FROM} WHERE lower(p.name) = lower(?)`, name)
}

/**
 * The profile row, NotFound if there is none. With a lock, the profile is locked by one
 * statement and read by the next: a locking read re-checks only the locked row after a
 * wait, so a join in the same statement could still show the role slot as it was before.
 */
async function profileRow(s: PgSession, name: string, lock?: Lock): Promise<ProfileRow> {
  if (lock !== undefined && !await s.get(`SELECT 1 FROM instance_profiles WHERE lower(name) = lower(?)${lockClause(lock)}`, name)) {
    throw profileNotFound(name)
  }
  const row = await findProfile(s, name)
  if (!row) throw profileNotFound(name)
  return row
}

// One query for the roles of a whole page: at most one role per profile.
async function toProfiles(s: PgSession, rows: ProfileRow[]): Promise<InstanceProfileRecord[]> {
  const account = await s.accountId()
  const ids = rows.flatMap((r) => (r.role_id === null ? [] : [r.role_id]))
  const roles = new Map<string, RoleRecord>()
  if (ids.length > 0) {
    for (const r of await s.all<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE r.id = ANY(?::text[])`, ids)) {
      roles.set(r.id, roleRecord(account, r))
    }
  }
  return rows.map((row) => {
    const role = row.role_id === null ? undefined : roles.get(row.role_id)
    return profileRecord(account, row, role)
  })
}

async function one(s: PgSession, row: ProfileRow): Promise<InstanceProfileRecord> {
  return (await toProfiles(s, [row]))[0] as InstanceProfileRecord
}

async function page(s: PgSession, select: string, params: string[], request: PathPageRequest | undefined): Promise<Page<InstanceProfileRecord>> {
  const p = await pageByName<ProfileRow, ProfileRow>(s, select, params, request, (r) => r, 'lower(p.name)', 'p.path')
  return { ...p, items: await toProfiles(s, p.items) }
}

async function setTags(s: PgSession, row: ProfileRow, tags: Tag[]): Promise<void> {
  await s.run('UPDATE instance_profiles SET tags = ? WHERE id = ?', tagsJson(tags), row.id)
  // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
  s.bump()
}

/** InstanceProfileStore over PostgreSQL. */
export const instanceProfileOps: WithSession<InstanceProfileStore> = {
  async createInstanceProfile(s, input: CreateInstanceProfileInput) {
    const id = input.id ?? newEntityId('AIPA')
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await s.accountId()
    await insertUnique(() => s.run('INSERT INTO instance_profiles (id, name, path, create_date, tags) VALUES (?, ?, ?, coalesce(?::timestamptz, now()), ?)',
      id, input.name, input.path ?? '/', givenDate(input.createDate), tagsJson(tags)), ALREADY_EXISTS['instance-profile'](input.name), 'instance-profile')
    return one(s, await profileRow(s, input.name))
  },
  async getInstanceProfile(s, name: string) {
    const row = await findProfile(s, name)
    return row && one(s, row)
  },
  async deleteInstanceProfile(s, name: string) {
    const row = await profileRow(s, name, 'update')
    if (row.role_id !== null) throw CONFLICTS.profileHasRole()
    await s.run('DELETE FROM instance_profiles WHERE id = ?', row.id)
    // Cached facts about it (ARN, tags) must not outlive it.
    s.bump()
  },
  async listInstanceProfiles(s, request?: PathPageRequest) {
    return page(s, `SELECT ${PROFILE_COLUMNS} FROM ${PROFILE_FROM} WHERE 1 = 1`, [], request)
  },
  async listInstanceProfilesForRole(s, roleName: string, request?: PageRequest) {
    const role = await roleRow(s, roleName)
    return page(s, `SELECT ${PROFILE_COLUMNS} FROM ${PROFILE_FROM} WHERE ipr.role_id = ?`, [role.id], { ...request, pathPrefix: undefined })
  },
  async addRoleToInstanceProfile(s, profileName: string, roleName: string) {
    // The profile's lock serializes adders; the role's keeps a concurrent DeleteRole waiting until we commit.
    const profile = await profileRow(s, profileName, 'update')
    const role = await roleRow(s, roleName, 'share')
    if (profile.role_id !== null) throw profileFull()
    await s.run('INSERT INTO instance_profile_roles (profile_id, role_id) VALUES (?, ?)', profile.id, role.id)
    s.bump()
  },
  async removeRoleFromInstanceProfile(s, profileName: string, roleName: string) {
    const profile = await profileRow(s, profileName)
    const role = await roleRow(s, roleName)
    const n = await s.run('DELETE FROM instance_profile_roles WHERE profile_id = ? AND role_id = ?', profile.id, role.id)
    if (n === 0) throw notInProfile(roleName, profileName)
    s.bump()
  },
  async tagInstanceProfile(s, name: string, tags: Tag[]) {
    const row = await profileRow(s, name, 'update')
    await setTags(s, row, mergeTags(parseTags(row.tags), tags, s.limits.tagsPerResource))
  },
  async untagInstanceProfile(s, name: string, keys: string[]) {
    const row = await profileRow(s, name, 'update')
    await setTags(s, row, removeTags(parseTags(row.tags), keys))
  }
}
