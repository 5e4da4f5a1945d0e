/**
 * Reads the JSON that `aws iam get-account-authorization-details` prints (documents as
 * objects) or that an SDK returns (documents URL-encoded) into a Snapshot, checking every
 * field: types, IAM's name/path/id constraints, ARNs against names and paths, dates, tags,
 * and every policy document with src/policy exactly as the IAM API checks it. Problems are
 * collected, not thrown, so a bad file is reported whole.
 */
import { isAwsManagedPolicyArn } from '../catalog/index.js'
import { checkPolicyDocument, decodedPolicyText } from '../iam/shared/policy-document.js'
import type { PolicyKind, PolicySizeLimit } from '../policy/index.js'
import type { Tag } from '../store/index.js'
import type {
  InlinePolicy, PolicyRef, Snapshot, SnapshotAwsPolicy, SnapshotGroup, SnapshotInstanceProfile, SnapshotPolicy,
  SnapshotPolicyVersion, SnapshotRole, SnapshotUser
} from './model.js'
import { child, Reader, type Json, type JsonObject } from './reader.js'

type ArnKind = 'user' | 'group' | 'role' | 'policy' | 'instance-profile'

interface Context {
  r: Reader
  /** The account of the first ARN read; later ARNs must match it. */
  accountId?: string
  /** Documents already found valid, by kind, size limit and text (accounts repeat their trust policies a lot). */
  valid: Set<string>
}

const ACCOUNT_ARN = /^arn:aws:iam::(\d{12}):/

/** Path, name, id, ARN and CreateDate of an entity, with the ARN checked against the others. */
function entity(c: Context, o: JsonObject, at: string, kind: ArnKind, keys: { name: string; id: string; nameShape: string }) {
  const pathShape = kind === 'policy' ? 'policyPathType' : 'pathType'
  const path = c.r.string(o, 'Path', at, pathShape)
  const name = c.r.string(o, keys.name, at, keys.nameShape)
  const id = c.r.string(o, keys.id, at, 'idType')
  const arn = c.r.string(o, 'Arn', at, 'arnType')
  const createDate = c.r.date(o, 'CreateDate', at)
  if (arn !== undefined) {
    const account = ACCOUNT_ARN.exec(arn)?.[1]
    if (account === undefined) c.r.problem(child(at, 'Arn'), `${arn} is not an IAM ARN of an account`)
    else if (c.accountId === undefined) c.accountId = account
    else if (account !== c.accountId) c.r.problem(child(at, 'Arn'), `${arn} is in account ${account}, but the file's first ARN is in account ${c.accountId}`)
    const expected = account !== undefined && path !== undefined && name !== undefined ? `arn:aws:iam::${account}:${kind}${path}${name}` : undefined
    if (expected !== undefined && arn !== expected) c.r.problem(child(at, 'Arn'), `${arn} does not match the ${kind}'s path and name (expected ${expected})`)
  }
  if (path === undefined || name === undefined || id === undefined || arn === undefined || createDate === undefined) return undefined
  return { at, path, name, id, arn, createDate }
}

/** A policy document member: an object (the CLI's form) or a string (URL-encoded or plain JSON), validated. */
function document(c: Context, o: JsonObject, key: string, at: string, kind: PolicyKind, sizeLimit: PolicySizeLimit, entityName?: string): string | undefined {
  const v = o[key]
  const where = child(at, key)
  let text: string
  if (typeof v === 'string') text = decodedPolicyText(v)
  else if (v !== null && typeof v === 'object' && !Array.isArray(v)) text = JSON.stringify(v)
  else return c.r.problem(where, `expected a policy document (an object or a string), found ${v === undefined ? 'nothing' : JSON.stringify(v)}`)
  const seen = `${kind}\u0000${sizeLimit}\u0000${text}`
  if (c.valid.has(seen)) return text
  const check = checkPolicyDocument(text, { kind, sizeLimit, ...(entityName !== undefined ? { entityName } : {}) })
  if (!check.ok) return c.r.problem(where, `${(check.error as { code?: string }).code ?? 'MalformedPolicyDocument'}: ${check.error.message}`)
  c.valid.add(seen)
  return check.text
}

function list<T>(c: Context, o: JsonObject, key: string, at: string, read: (item: JsonObject, at: string) => T | undefined): T[] {
  const items = c.r.array(o, key, at) ?? []
  const out: T[] = []
  items.forEach((item, i) => {
    const itemAt = child(child(at, key), i)
    const obj = c.r.object(item, itemAt)
    const value = obj && read(obj, itemAt)
    if (value !== undefined) out.push(value)
  })
  return out
}

function tags(c: Context, o: JsonObject, at: string): Tag[] {
  const out = list(c, o, 'Tags', at, (t, tAt) => {
    const key = c.r.string(t, 'Key', tAt, 'tagKeyType')
    const value = c.r.string(t, 'Value', tAt, 'tagValueType')
    return key !== undefined && value !== undefined ? { key, value } : undefined
  })
  const seen = new Set<string>()
  for (const t of out) {
    if (seen.has(t.key.toLowerCase())) c.r.problem(child(at, 'Tags'), `tag key ${JSON.stringify(t.key)} appears twice (keys are compared case-insensitively)`)
    seen.add(t.key.toLowerCase())
  }
  return out
}

function inlinePolicies(c: Context, o: JsonObject, key: string, at: string, sizeLimit: PolicySizeLimit, owner?: string): InlinePolicy[] {
  return list(c, o, key, at, (p, pAt) => {
    const name = c.r.string(p, 'PolicyName', pAt, 'policyNameType')
    const doc = document(c, p, 'PolicyDocument', pAt, 'identity', sizeLimit, owner)
    return name !== undefined && doc !== undefined ? { at: pAt, name, document: doc } : undefined
  })
}

function attached(c: Context, o: JsonObject, at: string): PolicyRef[] {
  return list(c, o, 'AttachedManagedPolicies', at, (p, pAt) => {
    const arn = c.r.string(p, 'PolicyArn', pAt, 'arnType')
    return arn === undefined ? undefined : { at: pAt, arn }
  })
}

function boundary(c: Context, o: JsonObject, at: string): PolicyRef | undefined {
  if (o.PermissionsBoundary === undefined) return undefined
  const bAt = child(at, 'PermissionsBoundary')
  const b = c.r.object(o.PermissionsBoundary, bAt)
  if (b === undefined) return undefined
  const type = c.r.string(b, 'PermissionsBoundaryType', bAt)
  if (type !== undefined && type !== 'PermissionsBoundaryPolicy') c.r.problem(child(bAt, 'PermissionsBoundaryType'), `must be PermissionsBoundaryPolicy, found ${JSON.stringify(type)}`)
  const arn = c.r.string(b, 'PermissionsBoundaryArn', bAt, 'arnType')
  return arn === undefined ? undefined : { at: child(bAt, 'PermissionsBoundaryArn'), arn }
}

function readUser(c: Context, o: JsonObject, at: string): SnapshotUser | undefined {
  const e = entity(c, o, at, 'user', { name: 'UserName', id: 'UserId', nameShape: 'userNameType' })
  const groupNames = (c.r.array(o, 'GroupList', at) ?? []).flatMap((g, i) => {
    const gAt = child(child(at, 'GroupList'), i)
    if (typeof g !== 'string') return c.r.problem(gAt, 'expected a group name') ?? []
    return c.r.fits(g, 'groupNameType', gAt) ? [{ at: gAt, name: g }] : []
  })
  const user = {
    inline: inlinePolicies(c, o, 'UserPolicyList', at, 'user-inline', e?.name),
    groups: groupNames,
    attached: attached(c, o, at),
    boundary: boundary(c, o, at),
    tags: tags(c, o, at)
  }
  return e && { ...e, ...user }
}

function readGroup(c: Context, o: JsonObject, at: string): SnapshotGroup | undefined {
  const e = entity(c, o, at, 'group', { name: 'GroupName', id: 'GroupId', nameShape: 'groupNameType' })
  const group = { inline: inlinePolicies(c, o, 'GroupPolicyList', at, 'group-inline', e?.name), attached: attached(c, o, at) }
  return e && { ...e, ...group }
}

/** An instance profile inside a role entry; its `Roles` must name exactly that role. */
function readProfile(c: Context, o: JsonObject, at: string, role: { name?: string; set: (d?: string, m?: number) => void }): SnapshotInstanceProfile | undefined {
  const e = entity(c, o, at, 'instance-profile', { name: 'InstanceProfileName', id: 'InstanceProfileId', nameShape: 'instanceProfileNameType' })
  const roles = c.r.array(o, 'Roles', at, true) ?? []
  if (roles.length !== 1) c.r.problem(child(at, 'Roles'), `an instance profile listed under a role holds that one role, found ${roles.length}`)
  const inner = roles.length === 1 ? c.r.object(roles[0] as Json, child(child(at, 'Roles'), 0)) : undefined
  if (inner !== undefined) {
    const innerAt = child(child(at, 'Roles'), 0)
    const name = c.r.string(inner, 'RoleName', innerAt, 'roleNameType')
    if (name !== undefined && role.name !== undefined && name !== role.name) {
      c.r.problem(child(innerAt, 'RoleName'), `the profile is listed under role ${role.name} but holds role ${name}`)
    }
    role.set(c.r.string(inner, 'Description', innerAt, 'roleDescriptionType', true),
      c.r.integer(inner, 'MaxSessionDuration', innerAt, 3600, 43200, true))
  }
  const profileTags = tags(c, o, at)
  return e && { ...e, tags: profileTags }
}

function readRole(c: Context, o: JsonObject, at: string): SnapshotRole | undefined {
  const e = entity(c, o, at, 'role', { name: 'RoleName', id: 'RoleId', nameShape: 'roleNameType' })
  let description: string | undefined
  let maxSessionDuration: number | undefined
  const self = { name: e?.name, set: (d?: string, m?: number) => { description ??= d; maxSessionDuration ??= m } }
  const trust = document(c, o, 'AssumeRolePolicyDocument', at, 'trust', 'trust')
  const profiles = list(c, o, 'InstanceProfileList', at, (p, pAt) => readProfile(c, p, pAt, self))
  let lastUsed: SnapshotRole['lastUsed']
  if (o.RoleLastUsed !== undefined) {
    const luAt = child(at, 'RoleLastUsed')
    const lu = c.r.object(o.RoleLastUsed, luAt)
    const date = lu && c.r.date(lu, 'LastUsedDate', luAt, true)
    // AWS records the Region with every last use.
    const region = lu && date !== undefined ? c.r.string(lu, 'Region', luAt) : undefined
    if (date !== undefined && region !== undefined) lastUsed = { date, region }
  }
  const rest = {
    profiles,
    inline: inlinePolicies(c, o, 'RolePolicyList', at, 'role-inline', e?.name),
    attached: attached(c, o, at),
    boundary: boundary(c, o, at),
    tags: tags(c, o, at)
  }
  if (e === undefined || trust === undefined) return undefined
  const role: SnapshotRole = { ...e, trust, ...rest }
  if (rest.boundary === undefined) delete role.boundary
  if (description !== undefined) role.description = description
  if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration
  if (lastUsed !== undefined) role.lastUsed = lastUsed
  return role
}

function readVersions(c: Context, o: JsonObject, at: string): SnapshotPolicyVersion[] {
  return list(c, o, 'PolicyVersionList', at, (v, vAt) => {
    const versionId = c.r.string(v, 'VersionId', vAt, 'policyVersionIdType')
    const doc = document(c, v, 'Document', vAt, 'identity', 'managed')
    const isDefaultVersion = c.r.boolean(v, 'IsDefaultVersion', vAt)
    const createDate = c.r.date(v, 'CreateDate', vAt)
    if (versionId === undefined || doc === undefined || isDefaultVersion === undefined || createDate === undefined) return undefined
    return { at: vAt, versionId, document: doc, isDefaultVersion, createDate }
  })
}

function readPolicy(c: Context, o: JsonObject, at: string): { local?: SnapshotPolicy; aws?: SnapshotAwsPolicy } | undefined {
  const attachmentCount = c.r.integer(o, 'AttachmentCount', at, 0, Number.MAX_SAFE_INTEGER)
  const boundaryUsageCount = c.r.integer(o, 'PermissionsBoundaryUsageCount', at, 0, Number.MAX_SAFE_INTEGER, true) ?? 0
  const arn = typeof o.Arn === 'string' ? o.Arn : undefined
  if (arn !== undefined && isAwsManagedPolicyArn(arn)) {
    // Content comes from Warden's catalog; the entry is only checked for the counts.
    return attachmentCount === undefined ? undefined : { aws: { at, arn, attachmentCount, boundaryUsageCount } }
  }
  const e = entity(c, o, at, 'policy', { name: 'PolicyName', id: 'PolicyId', nameShape: 'policyNameType' })
  const defaultVersionId = c.r.string(o, 'DefaultVersionId', at, 'policyVersionIdType')
  const description = c.r.string(o, 'Description', at, 'policyDescriptionType', true)
  const updateDate = c.r.date(o, 'UpdateDate', at)
  const versions = readVersions(c, o, at)
  if (e === undefined || defaultVersionId === undefined || attachmentCount === undefined || updateDate === undefined) return undefined
  const policy: SnapshotPolicy = { ...e, defaultVersionId, attachmentCount, boundaryUsageCount, updateDate, versions }
  if (description !== undefined) policy.description = description
  return { local: policy }
}

/** The file's entities; `problems` is empty when every field is valid (references are checked separately). */
export function readSnapshot(value: Json): { snapshot: Snapshot; problems: Reader['problems'] } {
  const c: Context = { r: new Reader(), valid: new Set() }
  const snapshot: Snapshot = { accountId: undefined, users: [], groups: [], roles: [], policies: [], awsPolicies: [] }
  const top = c.r.object(value, '$')
  if (top === undefined) return { snapshot, problems: c.r.problems }
  if (top.IsTruncated === true || top.Marker !== undefined || top.NextToken !== undefined) {
    c.r.problem('$.IsTruncated', 'the file is one page of a truncated listing; save the whole output (the aws CLI joins the pages unless --max-items or --no-paginate is given)')
  }
  const known = new Set(['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies', 'IsTruncated', 'Marker', 'NextToken', 'ResponseMetadata', '$metadata'])
  if (!Object.keys(top).some((k) => known.has(k))) {
    c.r.problem('$', 'not the output of get-account-authorization-details: none of UserDetailList, GroupDetailList, RoleDetailList, Policies is present')
  }
  snapshot.users = list(c, top, 'UserDetailList', '$', (o, at) => readUser(c, o, at))
  snapshot.groups = list(c, top, 'GroupDetailList', '$', (o, at) => readGroup(c, o, at))
  snapshot.roles = list(c, top, 'RoleDetailList', '$', (o, at) => readRole(c, o, at))
  for (const p of list(c, top, 'Policies', '$', (o, at) => readPolicy(c, o, at))) {
    if (p.local) snapshot.policies.push(p.local)
    if (p.aws) snapshot.awsPolicies.push(p.aws)
  }
  snapshot.accountId = c.accountId
  return { snapshot, problems: c.r.problems }
}
