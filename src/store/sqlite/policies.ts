import { entityArn, parsePolicyArn } from '../arn.js'
import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { pageSize, decodeMarker, toPage } from '../paging.js'
import type { PolicyStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreatePolicyInput, ListPoliciesRequest, ManagedPolicyRecord, Page, PolicyVersionInput, PolicyVersionRecord, Tag } from '../types.js'
import { afterKey, insertUnique, isoDate, pathFilter, type SqliteContext } from './context.js'
import { parseTags, tagsJson } from './principals.js'
import type { Sync } from './sync.js'

export interface PolicyRow {
  id: string
  name: string
  path: string
  arn: string
  default_version_id: string
  next_version: number
  attachment_count: number
  boundary_usage_count: number
  description: string | null
  create_date: string
  update_date: string
  tags: string
  sort_key: string
}

const COLUMNS = 'id, name, path, arn, default_version_id, next_version, attachment_count, boundary_usage_count, description, create_date, update_date, tags, lower(name) AS sort_key'

interface VersionRow {
  version_id: string
  document: string
  create_date: string
}

function toPolicy(row: PolicyRow): ManagedPolicyRecord {
  const p: ManagedPolicyRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    defaultVersionId: row.default_version_id,
    attachmentCount: row.attachment_count,
    permissionsBoundaryUsageCount: row.boundary_usage_count,
    createDate: new Date(row.create_date),
    updateDate: new Date(row.update_date),
    tags: parseTags(row.tags)
  }
  if (row.description !== null) p.description = row.description
  return p
}

/** AWS's NoSuchEntity message for a managed policy. */
export function policyNotFound(arn: string): StoreError {
  return new StoreError('NotFound', `Policy ${arn} does not exist or is not attachable.`, 'policy')
}

/** The customer policy row for an ARN, or undefined. */
export function findPolicy(ctx: SqliteContext, arn: string): PolicyRow | undefined {
  return ctx.get<PolicyRow>(`SELECT ${COLUMNS} FROM iam_policies WHERE arn = ?`, arn)
}

function policyRow(ctx: SqliteContext, arn: string): PolicyRow {
  const row = findPolicy(ctx, arn)
  if (!row) throw policyNotFound(arn)
  return row
}

/**
 * Checks the customer policies on both sides of a permissions boundary change and keeps
 * their usage counts right; AWS managed ARNs are the caller's to validate.
 */
export function changeBoundary(ctx: SqliteContext, oldArn: string | undefined, newArn: string | undefined): void {
  if (oldArn === newArn) return
  if (newArn !== undefined) {
    const parsed = parsePolicyArn(newArn)
    if (!parsed) throw new StoreError('InvalidInput', `ARN ${newArn} is not valid.`, 'policy')
    if (!parsed.aws) {
      const res = ctx.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count + 1 WHERE arn = ?', newArn)
      if (res.changes === 0) throw policyNotFound(newArn)
    }
  }
  if (oldArn !== undefined) ctx.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count - 1 WHERE arn = ?', oldArn)
}

function toVersion(row: VersionRow, defaultId: string): PolicyVersionRecord {
  return { versionId: row.version_id, document: row.document, isDefaultVersion: row.version_id === defaultId, createDate: new Date(row.create_date) }
}

/** PolicyStore over SQLite. */
export function policyOps(ctx: SqliteContext): Sync<PolicyStore> {
  const setTags = (row: PolicyRow, tags: Tag[]): void => {
    ctx.run('UPDATE iam_policies SET tags = ? WHERE id = ?', tagsJson(tags), row.id)
  }
  const versionRow = (row: PolicyRow, versionId: string): VersionRow | undefined =>
    ctx.get<VersionRow>('SELECT version_id, document, create_date FROM policy_versions WHERE policy_id = ? AND version_id = ?', row.id, versionId)
  return {
    createPolicy(input: CreatePolicyInput): ManagedPolicyRecord {
      const id = input.id ?? newEntityId('ANPA')
      const path = input.path ?? '/'
      const arn = entityArn(ctx.accountId(), 'policy', path, input.name)
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      const created = isoDate(input.createDate)
      const versions = initialVersions(input, ctx.limits.versionsPerPolicy)
      const defaultVersion = versions.find((v) => v.isDefaultVersion)!
      const next = Math.max(...versions.map((v) => v.number)) + 1
      insertUnique(() => ctx.run(
        `INSERT INTO iam_policies (id, name, path, arn, default_version_id, next_version, description, create_date, update_date, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id, input.name, path, arn, defaultVersion.versionId, next, input.description, created,
        input.updateDate === undefined ? created : isoDate(input.updateDate), tagsJson(tags)
      ), `A policy called ${input.name} already exists. Duplicate names are not allowed.`, 'policy')
      for (const v of versions) {
        ctx.run('INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date) VALUES (?, ?, ?, ?, ?)',
          id, v.versionId, v.number, v.document, v.createDate === undefined ? created : isoDate(v.createDate))
      }
      return toPolicy(policyRow(ctx, arn))
    },
    getPolicy(arn: string): ManagedPolicyRecord | undefined {
      const row = findPolicy(ctx, arn)
      return row && toPolicy(row)
    },
    deletePolicy(arn: string): void {
      const row = policyRow(ctx, arn)
      if (row.attachment_count > 0) throw new StoreError('Conflict', 'Cannot delete a policy attached to entities.', 'policy')
      if (row.boundary_usage_count > 0) {
        throw new StoreError('Conflict', 'Cannot delete a policy that is used as a permissions boundary.', 'policy')
      }
      const versions = ctx.get<{ n: number }>('SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?', row.id)?.n ?? 0
      if (versions > 1) {
        throw new StoreError('Conflict',
          "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.", 'policy')
      }
      ctx.run('DELETE FROM iam_policies WHERE id = ?', row.id)
      ctx.bump()
    },
    listPolicies(request?: ListPoliciesRequest): Page<ManagedPolicyRecord> {
      const size = pageSize(request)
      const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
      const path = pathFilter('path', request?.pathPrefix)
      let usage = ''
      if (request?.onlyAttached) {
        usage = request.policyUsageFilter === 'PermissionsPolicy' ? ' AND attachment_count > 0'
          : request.policyUsageFilter === 'PermissionsBoundary' ? ' AND boundary_usage_count > 0'
            : ' AND (attachment_count > 0 OR boundary_usage_count > 0)'
      }
      const key = afterKey('lower(name)', after)
      const rows = ctx.all<PolicyRow>(
        `SELECT ${COLUMNS} FROM iam_policies WHERE 1 = 1${path.sql}${usage}${key.sql} ORDER BY lower(name) LIMIT ?`,
        ...path.params, ...key.params, size + 1)
      return toPage(rows, size, toPolicy, (r) => [r.sort_key])
    },
    createPolicyVersion(arn: string, document: string, setAsDefault: boolean): PolicyVersionRecord {
      const row = policyRow(ctx, arn)
      const count = ctx.get<{ n: number }>('SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?', row.id)?.n ?? 0
      if (count >= ctx.limits.versionsPerPolicy) {
        throw new StoreError('LimitExceeded',
          `A managed policy can have up to ${ctx.limits.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`,
          'policy-version')
      }
      const versionId = `v${row.next_version}`
      const now = isoDate()
      ctx.run('INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date) VALUES (?, ?, ?, ?, ?)',
        row.id, versionId, row.next_version, document, now)
      ctx.run('UPDATE iam_policies SET next_version = next_version + 1, update_date = ?, default_version_id = ? WHERE id = ?',
        now, setAsDefault ? versionId : row.default_version_id, row.id)
      if (setAsDefault) ctx.bump()
      return { versionId, document, isDefaultVersion: setAsDefault, createDate: new Date(now) }
    },
    getPolicyVersion(arn: string, versionId: string): PolicyVersionRecord | undefined {
      const row = findPolicy(ctx, arn)
      const v = row && versionRow(row, versionId)
      return row && v && toVersion(v, row.default_version_id)
    },
    listPolicyVersions(arn: string): PolicyVersionRecord[] {
      const row = policyRow(ctx, arn)
      return ctx.all<VersionRow>('SELECT version_id, document, create_date FROM policy_versions WHERE policy_id = ? ORDER BY version_number DESC', row.id)
        .map((v) => toVersion(v, row.default_version_id))
    },
    deletePolicyVersion(arn: string, versionId: string): void {
      const row = policyRow(ctx, arn)
      if (row.default_version_id === versionId) {
        throw new StoreError('Conflict', 'Cannot delete the default version of a policy.', 'policy-version')
      }
      const res = ctx.run('DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?', row.id, versionId)
      if (res.changes === 0) throw versionNotFound(arn, versionId)
    },
    setDefaultPolicyVersion(arn: string, versionId: string): void {
      const row = policyRow(ctx, arn)
      if (!versionRow(row, versionId)) throw versionNotFound(arn, versionId)
      ctx.run('UPDATE iam_policies SET default_version_id = ?, update_date = ? WHERE id = ?', versionId, isoDate(), row.id)
      ctx.bump()
    },
    tagPolicy(arn: string, tags: Tag[]): void {
      const row = policyRow(ctx, arn)
      setTags(row, mergeTags(parseTags(row.tags), tags, ctx.limits.tagsPerResource))
    },
    untagPolicy(arn: string, keys: string[]): void {
      const row = policyRow(ctx, arn)
      setTags(row, removeTags(parseTags(row.tags), keys))
    }
  }
}

/** The versions a new policy starts with: v1 = document, or the snapshot's versions, checked. */
function initialVersions(input: CreatePolicyInput, quota: number): (PolicyVersionInput & { number: number })[] {
  if (input.versions === undefined) return [{ versionId: 'v1', number: 1, document: input.document, isDefaultVersion: true }]
  const invalid = (why: string): StoreError => new StoreError('InvalidInput', `Policy ${input.name}: ${why}`, 'policy-version')
  if (input.versions.length === 0 || input.versions.length > quota) throw invalid(`a policy has 1 to ${quota} versions, not ${input.versions.length}`)
  const seen = new Set<number>()
  const out = input.versions.map((v) => {
    const m = /^v([1-9]\d{0,8})$/.exec(v.versionId)
    if (!m) throw invalid(`${v.versionId} is not a version id (v1, v2, ...)`)
    const number = Number(m[1])
    if (seen.has(number)) throw invalid(`version ${v.versionId} is given twice`)
    seen.add(number)
    return { ...v, number }
  })
  const defaults = out.filter((v) => v.isDefaultVersion)
  if (defaults.length !== 1) throw invalid(`exactly one version must be the default, not ${defaults.length}`)
  if (defaults[0]!.document !== input.document) throw invalid('the default version\'s document differs from the policy document')
  return out
}

function versionNotFound(arn: string, versionId: string): StoreError {
  return new StoreError('NotFound', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 'policy-version')
}
