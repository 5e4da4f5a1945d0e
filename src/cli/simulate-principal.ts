/**
 * Reads what `warden simulate --principal ARN` needs from a running IAM endpoint (Warden or
 * AWS) with ordinary read-only calls: the user or role, its inline and attached policies,
 * its groups' policies, its permissions boundary and its tags. Evaluation then happens
 * locally, with the same engine the server uses.
 */
import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  paginateListAttachedGroupPolicies,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroupsForUser,
  paginateListRolePolicies,
  paginateListUserPolicies,
  type IAMClient,
  type Tag
} from '@aws-sdk/client-iam'
import type { RequestPrincipal } from '../eval/types.js'

/** A policy document as read, with where it came from (for the explanation). */
export interface SourcedPolicy {
  /** Stable id, e.g. `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess` or `user/dev/inline/s3`. */
  id: string
  /** For people: `inline policy s3 of user dev`, `AmazonS3ReadOnlyAccess (attached to group ML)`. */
  label: string
  text: string
}

export interface FetchedPrincipal {
  principal: RequestPrincipal
  identity: SourcedPolicy[]
  boundary: SourcedPolicy | undefined
}

/** The parts of an IAM principal ARN: `arn:aws:iam::123456789012:user/path/name`. */
export interface PrincipalArn {
  partition: string
  accountId: string
  kind: 'user' | 'role' | 'assumed-role' | 'root'
  /** User or role name (without path); for an assumed role, the role name. */
  name: string
  session?: string
}

/** Parses the principal ARNs simulate accepts; undefined for anything else. */
export function parsePrincipalArn(arn: string): PrincipalArn | undefined {
  const m = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/.exec(arn)
  if (m === null) return undefined
  const [, partition, service, accountId, resource] = m as unknown as [string, string, string, string, string]
  if (service === 'iam' && resource === 'root') return { partition, accountId, kind: 'root', name: 'root' }
  const parts = resource.split('/')
  if (service === 'iam' && (parts[0] === 'user' || parts[0] === 'role') && parts.length >= 2 && parts.at(-1) !== '') {
    return { partition, accountId, kind: parts[0], name: parts.at(-1)! }
  }
  if (service === 'sts' && parts[0] === 'assumed-role' && parts.length === 3 && parts[1] && parts[2]) {
    return { partition, accountId, kind: 'assumed-role', name: parts[1], session: parts[2] }
  }
  return undefined
}

/** The request principal for an ARN when nothing is read from a server (local mode). */
export function principalFromArn(arn: PrincipalArn, raw: string): RequestPrincipal {
  switch (arn.kind) {
    case 'root':
      return { arn: raw, accountId: arn.accountId, type: 'Account' }
    case 'user':
      return { arn: raw, accountId: arn.accountId, type: 'User', username: arn.name }
    case 'role':
    case 'assumed-role': {
      const roleArn = arn.kind === 'role' ? raw : `arn:${arn.partition}:iam::${arn.accountId}:role/${arn.name}`
      const session = arn.session ?? 'warden-simulate'
      return { arn: `arn:${arn.partition}:sts::${arn.accountId}:assumed-role/${arn.name}/${session}`, accountId: arn.accountId, type: 'AssumedRole', roleArn }
    }
  }
}

// IAM returns policy documents URL-encoded (RFC 3986); the SDK passes them on as they are.
function decodeDocument(document: string | undefined): string {
  if (document === undefined) return ''
  try {
    return decodeURIComponent(document)
  } catch {
    return document
  }
}

function tagsOf(tags: Tag[] | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined
  return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']))
}

async function managedPolicy(iam: IAMClient, arn: string, label: string): Promise<SourcedPolicy> {
  const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }))
  const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId }))
  return { id: arn, label, text: decodeDocument(version.PolicyVersion?.Document) }
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const page of pages) out.push(page)
  return out
}

/** Reads a user's or role's policies; IAM errors (NoSuchEntity, AccessDenied) propagate. */
export async function fetchPrincipal(iam: IAMClient, raw: string, arn: PrincipalArn): Promise<FetchedPrincipal> {
  const principal = principalFromArn(arn, raw)
  if (arn.kind === 'root') return { principal, identity: [], boundary: undefined }
  const identity: SourcedPolicy[] = []
  let boundaryArn: string | undefined
  if (arn.kind === 'user') {
    const user = (await iam.send(new GetUserCommand({ UserName: arn.name }))).User
    Object.assign(principal, { arn: user?.Arn ?? raw, userId: user?.UserId, tags: tagsOf(user?.Tags) })
    boundaryArn = user?.PermissionsBoundary?.PermissionsBoundaryArn
    for (const page of await collect(paginateListUserPolicies({ client: iam }, { UserName: arn.name }))) {
      for (const name of page.PolicyNames ?? []) {
        const p = await iam.send(new GetUserPolicyCommand({ UserName: arn.name, PolicyName: name }))
        identity.push({ id: `user/${arn.name}/inline/${name}`, label: `inline policy ${name} of user ${arn.name}`, text: decodeDocument(p.PolicyDocument) })
      }
    }
    for (const page of await collect(paginateListAttachedUserPolicies({ client: iam }, { UserName: arn.name }))) {
      for (const a of page.AttachedPolicies ?? []) identity.push(await managedPolicy(iam, a.PolicyArn!, `${a.PolicyName} (attached to user ${arn.name})`))
    }
    for (const page of await collect(paginateListGroupsForUser({ client: iam }, { UserName: arn.name }))) {
      for (const g of page.Groups ?? []) identity.push(...(await groupPolicies(iam, g.GroupName!)))
    }
  } else {
    const role = (await iam.send(new GetRoleCommand({ RoleName: arn.name }))).Role
    Object.assign(principal, { roleArn: role?.Arn ?? principal.roleArn, userId: role?.RoleId ? `${role.RoleId}:${arn.session ?? 'warden-simulate'}` : undefined, tags: tagsOf(role?.Tags) })
    boundaryArn = role?.PermissionsBoundary?.PermissionsBoundaryArn
    for (const page of await collect(paginateListRolePolicies({ client: iam }, { RoleName: arn.name }))) {
      for (const name of page.PolicyNames ?? []) {
        const p = await iam.send(new GetRolePolicyCommand({ RoleName: arn.name, PolicyName: name }))
        identity.push({ id: `role/${arn.name}/inline/${name}`, label: `inline policy ${name} of role ${arn.name}`, text: decodeDocument(p.PolicyDocument) })
      }
    }
    for (const page of await collect(paginateListAttachedRolePolicies({ client: iam }, { RoleName: arn.name }))) {
      for (const a of page.AttachedPolicies ?? []) identity.push(await managedPolicy(iam, a.PolicyArn!, `${a.PolicyName} (attached to role ${arn.name})`))
    }
  }
  const boundary = boundaryArn === undefined ? undefined : await managedPolicy(iam, boundaryArn, `permissions boundary ${boundaryArn.slice(boundaryArn.lastIndexOf('/') + 1)}`)
  return { principal, identity, boundary }
}

async function groupPolicies(iam: IAMClient, group: string): Promise<SourcedPolicy[]> {
  const out: SourcedPolicy[] = []
  for (const page of await collect(paginateListGroupPolicies({ client: iam }, { GroupName: group }))) {
    for (const name of page.PolicyNames ?? []) {
      const p = await iam.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: name }))
      out.push({ id: `group/${group}/inline/${name}`, label: `inline policy ${name} of group ${group}`, text: decodeDocument(p.PolicyDocument) })
    }
  }
  for (const page of await collect(paginateListAttachedGroupPolicies({ client: iam }, { GroupName: group }))) {
    for (const a of page.AttachedPolicies ?? []) out.push(await managedPolicy(iam, a.PolicyArn!, `${a.PolicyName} (attached to group ${group})`))
  }
  return out
}

/** A role's trust policy, for simulating sts:AssumeRole on it. */
export async function fetchTrustPolicy(iam: IAMClient, roleName: string): Promise<SourcedPolicy> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role
  return { id: `role/${roleName}/trust`, label: `trust policy of role ${roleName}`, text: decodeDocument(role?.AssumeRolePolicyDocument) }
}
