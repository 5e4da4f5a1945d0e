import { entityArn, parsePolicyArn } from '../arn.js'
import { newEntityId } from '../ids.js'
import { pageSize, decodeMarker, toPage } from '../paging.js'
import { POLICY_COLUMNS as COLUMNS, parseTags, policyRecord as toPolicy, tagsJson, versionRecord as toVersion, type PolicyRow, type VersionRow } from '../records.js'
import { ALREADY_EXISTS, CONFLICTS, initialVersions, invalidPolicyArn, policyNotFound, versionNotFound, versionsExceeded } from '../rules.js'
import { policyUsageCondition } from '../queries.js'
import type { PolicyStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreatePolicyInput, ListPoliciesRequest, ManagedPolicyRecord, Page, PolicyVersionRecord, Tag } from '../types.js'
import { afterKey, insertUnique, isoDate, pathFilter, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

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
    if (!parsed) throw invalidPolicyArn(newArn)
    if (!parsed.aws) {
      const res = ctx.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count + 1 WHERE arn = ?', newArn)
      if (res.changes === 0) throw policyNotFound(newArn)
    }
  }
  if (oldArn !== undefined) ctx.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count - 1 WHERE arn = ?', oldArn)
}

/** PolicyStore over SQLite. */
export function policyOps(ctx: SqliteContext): Sync<PolicyStore> {
  const setTags = (row: PolicyRow, tags: Tag[]): void => {
    ctx.run('UPDATE iam_policies SET tags = ? WHERE id = ?', tagsJson(tags), row.id)
    // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
    ctx.bump()
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
      ), ALREADY_EXISTS.policy(input.name), 'policy')
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
      if (row.attachment_count > 0) throw CONFLICTS.policyAttached()
      if (row.boundary_usage_count > 0) throw CONFLICTS.policyIsBoundary()
      const versions = ctx.get<{ n: number }>('SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?', row.id)?.n ?? 0
      if (versions > 1) throw CONFLICTS.policyHasVersions()
      ctx.run('DELETE FROM iam_policies WHERE id = ?', row.id)
      ctx.bump()
    },
    listPolicies(request?: ListPoliciesRequest): Page<ManagedPolicyRecord> {
      const size = pageSize(request)
      const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
      const path = pathFilter('path', request?.pathPrefix)
      const usage = policyUsageCondition(request)
    const key = afterKey('lower(name)', after)
      const rows = ctx.all<PolicyRow>(
        `SELECT ${COLUMNS} FROM iam_policies WHERE 1 = 1${path.sql}${usage}${key.sql} ORDER BY lower(name) LIMIT ?`,
        ...path.params, ...key.params, size + 1)
      return toPage(rows, size, toPolicy, (r) => [r.sort_key])
    },
    createPolicyVersion(arn: string, document: string, setAsDefault: boolean): PolicyVersionRecord {
      const row = policyRow(ctx, arn)
      const count = ctx.get<{ n: number }>('SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?', row.id)?.n ?? 0
      if (count >= ctx.limits.versionsPerPolicy) throw versionsExceeded(ctx.limits.versionsPerPolicy)
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
      if (row.default_version_id === versionId) throw CONFLICTS.defaultVersion()
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
