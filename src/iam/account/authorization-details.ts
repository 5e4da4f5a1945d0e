/**
 * The entries of GetAccountAuthorizationDetails, one section at a time: UserDetail,
 * GroupDetail, RoleDetail and ManagedPolicyDetail in the botocore model's member order,
 * documents URL-encoded as IAM returns them. `warden export` writes the same entries.
 */
import { getAwsManagedPolicy } from '../../catalog/index.js'
import type { Store } from '../../store/index.js'
import type { GroupRecord, ManagedPolicyRecord, Page, PolicyVersionRecord, PrincipalRef, RoleRecord, UserRecord } from '../../store/index.js'
import { instanceProfileOutput } from '../instance-profiles/instance-profile-output.js'
import { awsPolicyDocumentText, awsPolicyView, customerPolicyView, policyOutput, type ManagedPolicyView } from '../policies/managed-policy-view.js'
import { boundaryOutput } from '../shared/boundary.js'
import { allPages } from '../shared/paging.js'
import { encodePolicyDocument } from '../shared/policy-document.js'
import { toApiTags } from '../shared/tags.js'

/** The entity types of the `Filter` parameter, in the order the combined listing walks them. */
export const SECTIONS = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const
export type Section = (typeof SECTIONS)[number]

/** The response list each section's entries go to. */
export const SECTION_LIST: Record<Section, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'> = {
  User: 'UserDetailList',
  Group: 'GroupDetailList',
  Role: 'RoleDetailList',
  LocalManagedPolicy: 'Policies',
  AWSManagedPolicy: 'Policies'
}

type Detail = Record<string, unknown>

async function inlinePolicies(store: Store, principal: PrincipalRef): Promise<Detail[]> {
  const names = await allPages((r) => store.listInlinePolicies(principal, r))
  const out: Detail[] = []
  for (const name of names) {
    const p = await store.getInlinePolicy(principal, name)
    if (p !== undefined) out.push({ PolicyName: p.name, PolicyDocument: encodePolicyDocument(p.document) })
  }
  return out
}

async function attachedPolicies(store: Store, principal: PrincipalRef): Promise<Detail[]> {
  const attached = await allPages((r) => store.listAttachedPolicies(principal, r))
  return attached.map((a) => ({ PolicyName: a.policyName, PolicyArn: a.policyArn }))
}

/** A UserDetail entry. */
export async function userDetail(store: Store, user: UserRecord): Promise<Detail> {
  const ref: PrincipalRef = { type: 'user', name: user.name }
  const out: Detail = {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: user.createDate,
    UserPolicyList: await inlinePolicies(store, ref),
    GroupList: (await allPages((r) => store.listGroupsForUser(user.name, r))).map((g) => g.name),
    AttachedManagedPolicies: await attachedPolicies(store, ref)
  }
  const boundary = boundaryOutput(user.permissionsBoundaryArn)
  if (boundary !== undefined) out.PermissionsBoundary = boundary
  if (user.tags.length > 0) out.Tags = toApiTags(user.tags)
  return out
}

/** A GroupDetail entry. */
export async function groupDetail(store: Store, group: GroupRecord): Promise<Detail> {
  const ref: PrincipalRef = { type: 'group', name: group.name }
  return {
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: group.arn,
    CreateDate: group.createDate,
    GroupPolicyList: await inlinePolicies(store, ref),
    AttachedManagedPolicies: await attachedPolicies(store, ref)
  }
}

/** A RoleDetail entry: its instance profiles, policies, boundary, tags and last use. */
export async function roleDetail(store: Store, role: RoleRecord): Promise<Detail> {
  const ref: PrincipalRef = { type: 'role', name: role.name }
  const profiles = await allPages((r) => store.listInstanceProfilesForRole(role.name, r))
  const out: Detail = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
    InstanceProfileList: profiles.map((p) => instanceProfileOutput(p, 'full')),
    RolePolicyList: await inlinePolicies(store, ref),
    AttachedManagedPolicies: await attachedPolicies(store, ref)
  }
  const boundary = boundaryOutput(role.permissionsBoundaryArn)
  if (boundary !== undefined) out.PermissionsBoundary = boundary
  if (role.tags.length > 0) out.Tags = toApiTags(role.tags)
  const lastUsed: Detail = {}
  if (role.roleLastUsed !== undefined) {
    lastUsed.LastUsedDate = role.roleLastUsed.lastUsedDate
    if (role.roleLastUsed.region !== undefined) lastUsed.Region = role.roleLastUsed.region
  }
  out.RoleLastUsed = lastUsed
  return out
}

/** A ManagedPolicyDetail entry: the Policy fields (Description, no Tags) and the versions. */
function policyDetail(view: ManagedPolicyView, versions: PolicyVersionRecord[]): Detail {
  const { Tags: _tags, ...policy } = policyOutput(view, true)
  return {
    ...policy,
    PolicyVersionList: versions.map((v) => ({
      Document: encodePolicyDocument(v.document),
      VersionId: v.versionId,
      IsDefaultVersion: v.isDefaultVersion,
      CreateDate: v.createDate
    }))
  }
}

/** A ManagedPolicyDetail entry for a customer managed policy, with every version. */
export async function customerPolicyDetail(store: Store, policy: ManagedPolicyRecord): Promise<Detail> {
  return policyDetail(customerPolicyView(policy), await store.listPolicyVersions(policy.arn))
}

/**
 * The AWS managed policies this account uses (attached to a user, group or role, or set
 * as a permissions boundary), sorted by ARN, as ManagedPolicyDetail entries. Warden's
 * catalog holds the default version of each, so that is the one version listed.
 */
export async function awsPoliciesInUse(store: Store): Promise<{ arn: string; detail: Detail }[]> {
  const out: { arn: string; detail: Detail }[] = []
  for (const usage of await store.listAwsPolicyUsage()) {
    if (usage.attachmentCount === 0 && usage.permissionsBoundaryUsageCount === 0) continue
    const policy = await getAwsManagedPolicy(usage.policyArn)
    if (policy === undefined) continue
    const view = awsPolicyView(policy, usage)
    const version = { versionId: view.defaultVersionId, document: awsPolicyDocumentText(policy), isDefaultVersion: true, createDate: view.updateDate }
    out.push({ arn: view.arn, detail: policyDetail(view, [version]) })
  }
  return out.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
}

/** One page of a section: at most `maxItems` entries after `marker` (a store marker, or for AWS policies the last ARN). */
export async function sectionPage(store: Store, section: Section, marker: string | undefined, maxItems: number): Promise<Page<Detail>> {
  const request = marker === undefined ? { maxItems } : { marker, maxItems }
  const detailed = async <T>(page: Page<T>, detail: (store: Store, item: T) => Promise<Detail>): Promise<Page<Detail>> => {
    const items: Detail[] = []
    for (const item of page.items) items.push(await detail(store, item))
    return page.isTruncated && page.marker !== undefined ? { items, isTruncated: true, marker: page.marker } : { items, isTruncated: false }
  }
  switch (section) {
    case 'User':
      return detailed(await store.listUsers(request), userDetail)
    case 'Group':
      return detailed(await store.listGroups(request), groupDetail)
    case 'Role':
      return detailed(await store.listRoles(request), roleDetail)
    case 'LocalManagedPolicy':
      return detailed(await store.listPolicies(request), customerPolicyDetail)
    case 'AWSManagedPolicy': {
      const rest = (await awsPoliciesInUse(store)).filter((p) => marker === undefined || p.arn > marker)
      const taken = rest.slice(0, maxItems)
      const last = taken[taken.length - 1]
      return rest.length > maxItems && last !== undefined
        ? { items: taken.map((p) => p.detail), isTruncated: true, marker: last.arn }
        : { items: taken.map((p) => p.detail), isTruncated: false }
    }
  }
}
