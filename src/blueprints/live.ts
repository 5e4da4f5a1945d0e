/**
 * Reads what exists in the account for one blueprint: the entities it declares (by name)
 * and every entity it owns (tag `warden:blueprint`, or for groups the path
 * `/warden/<blueprint>/`), with their attachments, inline policies and memberships.
 * Only IAM read calls are used, so the same code reads Warden or a real AWS account.
 */
import * as iam from '@aws-sdk/client-iam'
import { decodeDocument } from './documents.js'
import { groupPathOf, OWNER_TAG, type InlinePolicy, type PolicyDocument } from './model.js'

export interface LiveRole {
  name: string
  path: string
  arn: string
  owner?: string
  description?: string
  maxSessionDuration: number
  trust: PolicyDocument
  managed: string[]
  inline: InlinePolicy[]
  instanceProfiles: string[]
  permissionsBoundary?: string
}

export interface LiveUser {
  name: string
  path: string
  arn: string
  owner?: string
  groups: string[]
  managed: string[]
  inline: InlinePolicy[]
  accessKeys: string[]
  permissionsBoundary?: string
}

export interface LiveGroup {
  name: string
  path: string
  owned: boolean
  managed: string[]
  inline: InlinePolicy[]
  members: string[]
}

export interface LivePolicy {
  name: string
  path: string
  arn: string
  owner?: string
  document: PolicyDocument
  defaultVersionId: string
  /** Non-default versions, oldest first. */
  otherVersions: string[]
  attachedTo: { users: string[]; groups: string[]; roles: string[] }
}

export interface LiveInstanceProfile {
  name: string
  path: string
  owner?: string
  roles: string[]
}

export interface LiveServiceLinkedRole {
  service: string
  roleName: string
  owner?: string
}

/** Everything relevant in the account, keyed by lower-case name (IAM names are case-insensitive). */
export interface LiveState {
  roles: Map<string, LiveRole>
  users: Map<string, LiveUser>
  groups: Map<string, LiveGroup>
  policies: Map<string, LivePolicy>
  instanceProfiles: Map<string, LiveInstanceProfile>
  serviceLinkedRoles: Map<string, LiveServiceLinkedRole>
}

export interface Declared {
  roles: string[]
  users: string[]
  groups: string[]
  policies: string[]
  instanceProfiles: string[]
}

type Paged<T> = { Marker?: string; IsTruncated?: boolean } & T

/** Follows Marker/IsTruncated to the end. */
async function all<T, I>(fetch: (marker: string | undefined) => Promise<Paged<T>>, items: (page: T) => I[] | undefined): Promise<I[]> {
  const out: I[] = []
  let marker: string | undefined
  do {
    const page = await fetch(marker)
    out.push(...(items(page) ?? []))
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return out
}

/** Runs `fn` over items, at most `limit` at a time (IAM throttles bursts). */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

const ownerOf = (tags: iam.Tag[] | undefined) => tags?.find((t) => t.Key === OWNER_TAG)?.Value
const lower = (s: string) => s.toLowerCase()

async function inlinePolicies(names: string[], get: (name: string) => Promise<string | undefined>): Promise<InlinePolicy[]> {
  return mapLimit(names, 4, async (name) => ({ name, document: decodeDocument(await get(name)) }))
}

/** Reads the live state relevant to blueprint `name` that declares `declared`. */
export async function readLiveState(client: iam.IAMClient, name: string, declared: Declared): Promise<LiveState> {
  const send = client.send.bind(client) as <O>(command: unknown) => Promise<O>
  const wanted = (list: string[]) => new Set(list.map(lower))
  const state: LiveState = { roles: new Map(), users: new Map(), groups: new Map(), policies: new Map(), instanceProfiles: new Map(), serviceLinkedRoles: new Map() }

  // Roles (service-linked ones apart: they belong to their service).
  const roles = await all((Marker) => send<iam.ListRolesCommandOutput>(new iam.ListRolesCommand({ Marker })), (p) => p.Roles)
  const declaredRoles = wanted(declared.roles)
  await mapLimit(roles, 8, async (r) => {
    const tags = await all((Marker) => send<iam.ListRoleTagsCommandOutput>(new iam.ListRoleTagsCommand({ RoleName: r.RoleName, Marker })), (p) => p.Tags)
    const owner = ownerOf(tags)
    if (r.Path!.startsWith('/aws-service-role/')) {
      const service = r.Path!.split('/')[2]!
      state.serviceLinkedRoles.set(service, { service, roleName: r.RoleName!, owner })
      return
    }
    if (owner !== name && !declaredRoles.has(lower(r.RoleName!))) return
    const full = (await send<iam.GetRoleCommandOutput>(new iam.GetRoleCommand({ RoleName: r.RoleName }))).Role!
    const managed = await all((Marker) => send<iam.ListAttachedRolePoliciesCommandOutput>(new iam.ListAttachedRolePoliciesCommand({ RoleName: r.RoleName, Marker })), (p) => p.AttachedPolicies)
    const inlineNames = await all((Marker) => send<iam.ListRolePoliciesCommandOutput>(new iam.ListRolePoliciesCommand({ RoleName: r.RoleName, Marker })), (p) => p.PolicyNames)
    const profiles = await all((Marker) => send<iam.ListInstanceProfilesForRoleCommandOutput>(new iam.ListInstanceProfilesForRoleCommand({ RoleName: r.RoleName, Marker })), (p) => p.InstanceProfiles)
    state.roles.set(lower(r.RoleName!), {
      name: r.RoleName!,
      path: r.Path!,
      arn: r.Arn!,
      owner,
      description: full.Description,
      maxSessionDuration: full.MaxSessionDuration ?? 3600,
      trust: decodeDocument(full.AssumeRolePolicyDocument),
      managed: managed.map((m) => m.PolicyArn!),
      inline: await inlinePolicies(inlineNames, async (n) => (await send<iam.GetRolePolicyCommandOutput>(new iam.GetRolePolicyCommand({ RoleName: r.RoleName, PolicyName: n }))).PolicyDocument),
      instanceProfiles: profiles.map((p) => p.InstanceProfileName!),
      permissionsBoundary: full.PermissionsBoundary?.PermissionsBoundaryArn
    })
  })

  const users = await all((Marker) => send<iam.ListUsersCommandOutput>(new iam.ListUsersCommand({ Marker })), (p) => p.Users)
  const declaredUsers = wanted(declared.users)
  await mapLimit(users, 8, async (u) => {
    const tags = await all((Marker) => send<iam.ListUserTagsCommandOutput>(new iam.ListUserTagsCommand({ UserName: u.UserName, Marker })), (p) => p.Tags)
    const owner = ownerOf(tags)
    if (owner !== name && !declaredUsers.has(lower(u.UserName!))) return
    const full = (await send<iam.GetUserCommandOutput>(new iam.GetUserCommand({ UserName: u.UserName }))).User!
    const groups = await all((Marker) => send<iam.ListGroupsForUserCommandOutput>(new iam.ListGroupsForUserCommand({ UserName: u.UserName, Marker })), (p) => p.Groups)
    const managed = await all((Marker) => send<iam.ListAttachedUserPoliciesCommandOutput>(new iam.ListAttachedUserPoliciesCommand({ UserName: u.UserName, Marker })), (p) => p.AttachedPolicies)
    const inlineNames = await all((Marker) => send<iam.ListUserPoliciesCommandOutput>(new iam.ListUserPoliciesCommand({ UserName: u.UserName, Marker })), (p) => p.PolicyNames)
    const keys = await all((Marker) => send<iam.ListAccessKeysCommandOutput>(new iam.ListAccessKeysCommand({ UserName: u.UserName, Marker })), (p) => p.AccessKeyMetadata)
    state.users.set(lower(u.UserName!), {
      name: u.UserName!,
      path: u.Path!,
      arn: u.Arn!,
      owner,
      groups: groups.map((g) => g.GroupName!),
      managed: managed.map((m) => m.PolicyArn!),
      inline: await inlinePolicies(inlineNames, async (n) => (await send<iam.GetUserPolicyCommandOutput>(new iam.GetUserPolicyCommand({ UserName: u.UserName, PolicyName: n }))).PolicyDocument),
      accessKeys: keys.map((k) => k.AccessKeyId!),
      permissionsBoundary: full.PermissionsBoundary?.PermissionsBoundaryArn
    })
  })

  const groups = await all((Marker) => send<iam.ListGroupsCommandOutput>(new iam.ListGroupsCommand({ Marker })), (p) => p.Groups)
  const declaredGroups = wanted(declared.groups)
  const ownPath = groupPathOf(name)
  await mapLimit(
    groups.filter((g) => g.Path === ownPath || declaredGroups.has(lower(g.GroupName!))),
    8,
    async (g) => {
      const members = await all((Marker) => send<iam.GetGroupCommandOutput>(new iam.GetGroupCommand({ GroupName: g.GroupName, Marker })), (p) => p.Users)
      const managed = await all((Marker) => send<iam.ListAttachedGroupPoliciesCommandOutput>(new iam.ListAttachedGroupPoliciesCommand({ GroupName: g.GroupName, Marker })), (p) => p.AttachedPolicies)
      const inlineNames = await all((Marker) => send<iam.ListGroupPoliciesCommandOutput>(new iam.ListGroupPoliciesCommand({ GroupName: g.GroupName, Marker })), (p) => p.PolicyNames)
      state.groups.set(lower(g.GroupName!), {
        name: g.GroupName!,
        path: g.Path!,
        owned: g.Path === ownPath,
        managed: managed.map((m) => m.PolicyArn!),
        inline: await inlinePolicies(inlineNames, async (n) => (await send<iam.GetGroupPolicyCommandOutput>(new iam.GetGroupPolicyCommand({ GroupName: g.GroupName, PolicyName: n }))).PolicyDocument),
        members: members.map((m) => m.UserName!)
      })
    }
  )

  const policies = await all((Marker) => send<iam.ListPoliciesCommandOutput>(new iam.ListPoliciesCommand({ Scope: 'Local', Marker })), (p) => p.Policies)
  const declaredPolicies = wanted(declared.policies)
  await mapLimit(policies, 8, async (p) => {
    const tags = await all((Marker) => send<iam.ListPolicyTagsCommandOutput>(new iam.ListPolicyTagsCommand({ PolicyArn: p.Arn, Marker })), (x) => x.Tags)
    const owner = ownerOf(tags)
    if (owner !== name && !declaredPolicies.has(lower(p.PolicyName!))) return
    const version = (await send<iam.GetPolicyVersionCommandOutput>(new iam.GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: p.DefaultVersionId }))).PolicyVersion!
    const versions = await all((Marker) => send<iam.ListPolicyVersionsCommandOutput>(new iam.ListPolicyVersionsCommand({ PolicyArn: p.Arn, Marker })), (x) => x.Versions)
    const entities = await all((Marker) => send<iam.ListEntitiesForPolicyCommandOutput>(new iam.ListEntitiesForPolicyCommand({ PolicyArn: p.Arn, Marker })), (x) => [x])
    state.policies.set(lower(p.PolicyName!), {
      name: p.PolicyName!,
      path: p.Path!,
      arn: p.Arn!,
      owner,
      document: decodeDocument(version.Document),
      defaultVersionId: p.DefaultVersionId!,
      otherVersions: versions
        .filter((v) => !v.IsDefaultVersion)
        .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))
        .map((v) => v.VersionId!),
      attachedTo: {
        users: entities.flatMap((e) => e.PolicyUsers ?? []).map((u) => u.UserName!),
        groups: entities.flatMap((e) => e.PolicyGroups ?? []).map((g) => g.GroupName!),
        roles: entities.flatMap((e) => e.PolicyRoles ?? []).map((r) => r.RoleName!)
      }
    })
  })

  const profiles = await all((Marker) => send<iam.ListInstanceProfilesCommandOutput>(new iam.ListInstanceProfilesCommand({ Marker })), (p) => p.InstanceProfiles)
  const declaredProfiles = wanted(declared.instanceProfiles)
  await mapLimit(profiles, 8, async (p) => {
    const tags = await all((Marker) => send<iam.ListInstanceProfileTagsCommandOutput>(new iam.ListInstanceProfileTagsCommand({ InstanceProfileName: p.InstanceProfileName, Marker })), (x) => x.Tags)
    const owner = ownerOf(tags)
    if (owner !== name && !declaredProfiles.has(lower(p.InstanceProfileName!))) return
    state.instanceProfiles.set(lower(p.InstanceProfileName!), { name: p.InstanceProfileName!, path: p.Path!, owner, roles: (p.Roles ?? []).map((r) => r.RoleName!) })
  })
  return state
}
