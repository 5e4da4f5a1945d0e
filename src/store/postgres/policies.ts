import { entityArn, parsePolicyArn } from '../arn.js'
import { newEntityId } from '../ids.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import { POLICY_COLUMNS, parseTags, policyRecord, tagsJson, versionRecord, type PolicyRow, type VersionRow } from '../records.js'
import { ALREADY_EXISTS, CONFLICTS, givenDate, initialVersions, invalidPolicyArn, policyNotFound, versionNotFound, versionsExceeded } from '../rules.js'
import { policyUsageCondition } from '../queries.js'
import type { PolicyStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreatePolicyInput, ListPoliciesRequest, ManagedPolicyRecord, Page, Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, type Lock } from './principals.js'
import { afterKey, pathFilter, type PgSession } from './session.js'

/** The customer policy row for an ARN, or undefined. */
export async function findPolicy(s: PgSession, arn: string, lock?: Lock): Promise<PolicyRow | undefined> {
  return s.get<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM iam_policies WHERE arn = ?${lockClause(lock)}`, arn)
}

async function policyRow(s: PgSession, arn: string, lock?: Lock): Promise<PolicyRow> {
  const row = await findPolicy(s, arn, lock)
  if (!row) throw policyNotFound(arn)
  return row
}

/**
 * Checks the customer policies on both sides of a permissions boundary change and keeps
 * their usage counts right (single-statement updates, so concurrent changes add up); AWS
 * managed ARNs are the caller's to validate.
 */
export async function changeBoundary(s: PgSession, oldArn: string | undefined, newArn: string | undefined): Promise<void> {
  if (oldArn === newArn) return
  if (newArn !== undefined) {
    const parsed = parsePolicyArn(newArn)
    if (!parsed) throw invalidPolicyArn(newArn)
    if (!parsed.aws) {
      const n = await s.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count + 1 WHERE arn = ?', newArn)
      if (n === 0) throw policyNotFound(newArn)
    }
  }
  if (oldArn !== undefined) await s.run('UPDATE iam_policies SET boundary_usage_count = boundary_usage_count - 1 WHERE arn = ?', oldArn)
}

async function versionRow(s: PgSession, row: PolicyRow, versionId: string): Promise<VersionRow | undefined> {
  return s.get<VersionRow>('SELECT version_id, document, create_date FROM policy_versions WHERE policy_id = ? AND version_id = ?', row.id, versionId)
}

async function versionCount(s: PgSession, row: PolicyRow): Promise<number> {
  return (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM policy_versions WHERE policy_id = ?', row.id))?.n ?? 0
}

/** PolicyStore over PostgreSQL. */
export const policyOps: WithSession<PolicyStore> = {
  async createPolicy(s, input: CreatePolicyInput) {
    const id = input.id ?? newEntityId('ANPA')
    const path = input.path ?? '/'
    const arn = entityArn(await s.accountId(), 'policy', path, input.name)
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    const versions = initialVersions(input, s.limits.versionsPerPolicy)
    const defaultVersion = versions.find((v) => v.isDefaultVersion)!
    const next = Math.max(...versions.map((v) => v.number)) + 1
    // A restored policy keeps its dates; otherwise the database clock dates it. Versions
    // without a date take the policy's creation date.
    const row = await insertUnique(() => s.get<PolicyRow>(
      `INSERT INTO iam_policies (id, name, path, arn, default_version_id, next_version, description, create_date, update_date, tags)
       VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?::timestamptz, now()), coalesce(?::timestamptz, ?::timestamptz, now()), ?) RETURNING ${POLICY_COLUMNS}`,
      id, input.name, path, arn, defaultVersion.versionId, next, input.description,
      givenDate(input.createDate), givenDate(input.updateDate), input.createDate, tagsJson(tags)
    ), ALREADY_EXISTS.policy(input.name), 'policy') as PolicyRow
    for (const v of versions) {
      await s.run('INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date) VALUES (?, ?, ?, ?, coalesce(?::timestamptz, ?::timestamptz))',
        id, v.versionId, v.number, v.document, v.createDate, row.create_date)
    }
    return policyRecord(row)
  },
  async getPolicy(s, arn: string) {
    const row = await findPolicy(s, arn)
    return row && policyRecord(row)
  },
  async deletePolicy(s, arn: string) {
    // Attach and boundary changes update this row, so the lock orders them before or after us.
    const row = await policyRow(s, arn, 'update')
    if (row.attachment_count > 0) throw CONFLICTS.policyAttached()
    if (row.boundary_usage_count > 0) throw CONFLICTS.policyIsBoundary()
    if (await versionCount(s, row) > 1) throw CONFLICTS.policyHasVersions()
    await s.run('DELETE FROM iam_policies WHERE id = ?', row.id)
    s.bump()
  },
  async listPolicies(s, request?: ListPoliciesRequest): Promise<Page<ManagedPolicyRecord>> {
    const size = pageSize(request)
    const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
    const path = pathFilter('path', request?.pathPrefix)
    const usage = policyUsageCondition(request)
    const key = afterKey('lower(name)', after)
    const rows = await s.all<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM iam_policies WHERE 1 = 1${path.sql}${usage}${key.sql} ORDER BY lower(name) LIMIT ?`,
      ...path.params, ...key.params, size + 1)
    return toPage(rows, size, policyRecord, (r) => [r.sort_key])
  },
  async createPolicyVersion(s, arn: string, document: string, setAsDefault: boolean) {
    // Counted under the policy's row lock: parallel creators on any replica queue here.
    const row = await policyRow(s, arn, 'update')
    if (await versionCount(s, row) >= s.limits.versionsPerPolicy) throw versionsExceeded(s.limits.versionsPerPolicy)
    const versionId = `v${row.next_version}`
    const created = await s.get<VersionRow>(
      'INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date) VALUES (?, ?, ?, ?, now()) RETURNING version_id, document, create_date',
      row.id, versionId, row.next_version, document)
    await s.run('UPDATE iam_policies SET next_version = next_version + 1, update_date = now(), default_version_id = ? WHERE id = ?',
      setAsDefault ? versionId : row.default_version_id, row.id)
    if (setAsDefault) s.bump()
    return versionRecord(created as VersionRow, setAsDefault ? versionId : row.default_version_id)
  },
  async getPolicyVersion(s, arn: string, versionId: string) {
    const row = await findPolicy(s, arn)
    const v = row && await versionRow(s, row, versionId)
    return row && v && versionRecord(v, row.default_version_id)
  },
  async listPolicyVersions(s, arn: string) {
    const row = await policyRow(s, arn)
    const versions = await s.all<VersionRow>(
      'SELECT version_id, document, create_date FROM policy_versions WHERE policy_id = ? ORDER BY version_number DESC', row.id)
    return versions.map((v) => versionRecord(v, row.default_version_id))
  },
  async deletePolicyVersion(s, arn: string, versionId: string) {
    const row = await policyRow(s, arn, 'update')
    if (row.default_version_id === versionId) throw CONFLICTS.defaultVersion()
    const n = await s.run('DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?', row.id, versionId)
    if (n === 0) throw versionNotFound(arn, versionId)
  },
  async setDefaultPolicyVersion(s, arn: string, versionId: string) {
    const row = await policyRow(s, arn, 'update')
    if (!await versionRow(s, row, versionId)) throw versionNotFound(arn, versionId)
    await s.run('UPDATE iam_policies SET default_version_id = ?, update_date = now() WHERE id = ?', versionId, row.id)
    s.bump()
  },
  async tagPolicy(s, arn: string, tags: Tag[]) {
    const row = await policyRow(s, arn, 'update')
    await setTags(s, row.id, mergeTags(parseTags(row.tags), tags, s.limits.tagsPerResource))
  },
  async untagPolicy(s, arn: string, keys: string[]) {
    const row = await policyRow(s, arn, 'update')
    await setTags(s, row.id, removeTags(parseTags(row.tags), keys))
  }
}

async function setTags(s: PgSession, id: string, tags: Tag[]): Promise<void> {
  await s.run('UPDATE iam_policies SET tags = ? WHERE id = ?', tagsJson(tags), id)
  // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
  s.bump()
}
