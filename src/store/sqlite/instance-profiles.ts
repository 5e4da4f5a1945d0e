import { newEntityId } from '../ids.js'
import { PROFILE_COLUMNS as COLUMNS, PROFILE_FROM as FROM, ROLE_COLUMNS, parseTags, profileRecord, tagsJson, type ProfileRow, type RoleRow } from '../records.js'
import { ALREADY_EXISTS, CONFLICTS, notInProfile, profileFull, profileNotFound } from '../rules.js'
import type { InstanceProfileStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateInstanceProfileInput, InstanceProfileRecord, Page, PageRequest, PathPageRequest, RoleRecord, Tag } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { pageByName } from './principals.js'
import { roleRow, toRole } from './roles.js'
import type { Sync } from './sync.js'

/** InstanceProfileStore over SQLite. */
export function instanceProfileOps(ctx: SqliteContext): Sync<InstanceProfileStore> {
  const find = (name: string): ProfileRow | undefined =>
    ctx.get<ProfileRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE lower(p.name) = lower(?)`, name)
  const profileRow = (name: string): ProfileRow => {
    const row = find(name)
    if (!row) throw profileNotFound(name)
    return row
  }
  // One query for the roles of a whole page: at most one role per profile.
  const toProfiles = (rows: ProfileRow[]): InstanceProfileRecord[] => {
    const ids = rows.flatMap((r) => (r.role_id === null ? [] : [r.role_id]))
    const roles = new Map<string, RoleRecord>()
    if (ids.length > 0) {
      for (const r of ctx.all<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE r.id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids))) {
        roles.set(r.id, toRole(ctx, r))
      }
    }
    return rows.map((row) => {
      const role = row.role_id === null ? undefined : roles.get(row.role_id)
      return profileRecord(ctx.accountId(), row, role)
    })
  }
  const one = (row: ProfileRow): InstanceProfileRecord => toProfiles([row])[0] as InstanceProfileRecord
  const page = (select: string, params: string[], request: PathPageRequest | undefined): Page<InstanceProfileRecord> => {
    const p = pageByName<ProfileRow, ProfileRow>(ctx, select, params, request, (r) => r, 'p.path')
    return { ...p, items: toProfiles(p.items) }
  }
  const setTags = (row: ProfileRow, tags: Tag[]): void => {
    ctx.run('UPDATE instance_profiles SET tags = ? WHERE id = ?', tagsJson(tags), row.id)
    // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
    ctx.bump()
  }
  return {
    createInstanceProfile(input: CreateInstanceProfileInput): InstanceProfileRecord {
      const id = input.id ?? newEntityId('AIPA')
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      insertUnique(() => ctx.run('INSERT INTO instance_profiles (id, name, path, create_date, tags) VALUES (?, ?, ?, ?, ?)',
        id, input.name, input.path ?? '/', isoDate(input.createDate), tagsJson(tags)), ALREADY_EXISTS['instance-profile'](input.name), 'instance-profile')
      return one(profileRow(input.name))
    },
    getInstanceProfile(name: string): InstanceProfileRecord | undefined {
      const row = find(name)
      return row && one(row)
    },
    deleteInstanceProfile(name: string): void {
      const row = profileRow(name)
      if (row.role_id !== null) throw CONFLICTS.profileHasRole()
      ctx.run('DELETE FROM instance_profiles WHERE id = ?', row.id)
      // Cached facts about it (ARN, tags) must not outlive it.
      ctx.bump()
    },
    listInstanceProfiles(request?: PathPageRequest): Page<InstanceProfileRecord> {
      return page(`SELECT ${COLUMNS} FROM ${FROM} WHERE 1 = 1`, [], request)
    },
    listInstanceProfilesForRole(roleName: string, request?: PageRequest): Page<InstanceProfileRecord> {
      const role = roleRow(ctx, roleName)
      return page(`SELECT ${COLUMNS} FROM ${FROM} WHERE ipr.role_id = ?`, [role.id], { ...request, pathPrefix: undefined })
    },
    addRoleToInstanceProfile(profileName: string, roleName: string): void {
      const profile = profileRow(profileName)
      const role = roleRow(ctx, roleName)
      if (profile.role_id !== null) throw profileFull()
      ctx.run('INSERT INTO instance_profile_roles (profile_id, role_id) VALUES (?, ?)', profile.id, role.id)
      ctx.bump()
    },
    removeRoleFromInstanceProfile(profileName: string, roleName: string): void {
      const profile = profileRow(profileName)
      const role = roleRow(ctx, roleName)
      const res = ctx.run('DELETE FROM instance_profile_roles WHERE profile_id = ? AND role_id = ?', profile.id, role.id)
      if (res.changes === 0) throw notInProfile(roleName, profileName)
      ctx.bump()
    },
    tagInstanceProfile(name: string, tags: Tag[]): void {
      const row = profileRow(name)
      setTags(row, mergeTags(parseTags(row.tags), tags, ctx.limits.tagsPerResource))
    },
    untagInstanceProfile(name: string, keys: string[]): void {
      const row = profileRow(name)
      setTags(row, removeTags(parseTags(row.tags), keys))
    }
  }
}
