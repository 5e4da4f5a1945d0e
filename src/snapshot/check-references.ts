/**
 * Whole-file checks of a read Snapshot: unique names and ids, every reference resolvable
 * (groups of users, attached and boundary policies: customer ones in the file, AWS managed
 * ones in Warden's catalog), IAM's quotas, policy versions, and the usage counts each
 * policy entry states against the relations the file holds. A count that does not add up
 * means entities are missing: a partial file (a --filter, or one page of a listing).
 */
import { getAwsManagedPolicy, isAwsManagedPolicyArn } from '../catalog/index.js'
import { DEFAULT_LIMITS } from '../store/index.js'
import type { PolicyRef, Snapshot } from './model.js'
import type { SnapshotProblem } from './reader.js'

interface Usage {
  attachments: number
  boundaries: number
}

/** Every problem with the references and counts of `s`; empty when it can be imported as is. */
export async function checkReferences(s: Snapshot): Promise<SnapshotProblem[]> {
  const problems: SnapshotProblem[] = []
  const problem = (path: string, message: string): void => {
    problems.push({ path, message })
  }
  const limits = DEFAULT_LIMITS

  // Names are unique per kind case-insensitively, ids across the whole account.
  const ids = new Map<string, string>()
  const unique = (kind: string, items: { at: string; name: string; id: string }[]): void => {
    const names = new Map<string, string>()
    for (const e of items) {
      const other = names.get(e.name.toLowerCase())
      if (other !== undefined) problem(e.at, `${kind} name ${e.name} is used twice (also at ${other}; names are case-insensitive)`)
      else names.set(e.name.toLowerCase(), e.at)
      const sameId = ids.get(e.id)
      if (sameId !== undefined) problem(e.at, `id ${e.id} is used twice (also at ${sameId})`)
      else ids.set(e.id, e.at)
    }
  }
  unique('user', s.users)
  unique('group', s.groups)
  unique('role', s.roles)
  unique('policy', s.policies)
  unique('instance profile', s.roles.flatMap((r) => r.profiles))

  const customer = new Map(s.policies.map((p) => [p.arn, p]))
  const usage = new Map<string, Usage>()
  const use = (arn: string, kind: keyof Usage): void => {
    const u = usage.get(arn) ?? { attachments: 0, boundaries: 0 }
    u[kind]++
    usage.set(arn, u)
  }
  const resolvable = async (ref: PolicyRef, what: string): Promise<boolean> => {
    if (isAwsManagedPolicyArn(ref.arn)) {
      if ((await getAwsManagedPolicy(ref.arn)) !== undefined) return true
      problem(ref.at, `${ref.arn} is not in Warden's catalog of AWS managed policies, so the ${what} could not be evaluated`)
      return false
    }
    if (customer.has(ref.arn)) return true
    problem(ref.at, `${ref.arn} is not among the file's Policies (is the file partial?)`)
    return false
  }
  const principals = [
    ...s.users.map((u) => ({ kind: 'user', p: u, boundary: u.boundary })),
    ...s.groups.map((g) => ({ kind: 'group', p: g, boundary: undefined })),
    ...s.roles.map((r) => ({ kind: 'role', p: r, boundary: r.boundary }))
  ]
  for (const { kind, p, boundary } of principals) {
    if (p.attached.length > limits.attachedPoliciesPerPrincipal) {
      problem(p.at, `${kind} ${p.name} has ${p.attached.length} managed policies attached; Warden's quota is ${limits.attachedPoliciesPerPrincipal} (AWS's default)`)
    }
    const seen = new Set<string>()
    for (const ref of p.attached) {
      if (seen.has(ref.arn)) problem(ref.at, `${ref.arn} is attached twice`)
      seen.add(ref.arn)
      if (await resolvable(ref, 'attachment')) use(ref.arn, 'attachments')
    }
    if (boundary !== undefined && (await resolvable(boundary, 'permissions boundary'))) use(boundary.arn, 'boundaries')
    const inlineNames = new Set<string>()
    for (const i of p.inline) {
      if (inlineNames.has(i.name)) problem(i.at, `inline policy ${i.name} appears twice`)
      inlineNames.add(i.name)
    }
    const tags = 'tags' in p ? p.tags : []
    if (tags.length > limits.tagsPerResource) problem(p.at, `${tags.length} tags; IAM allows ${limits.tagsPerResource}`)
  }

  const groups = new Map(s.groups.map((g) => [g.name.toLowerCase(), g]))
  for (const u of s.users) {
    if (u.groups.length > limits.groupsPerUser) problem(u.at, `user ${u.name} is in ${u.groups.length} groups; IAM allows ${limits.groupsPerUser}`)
    const seen = new Set<string>()
    for (const g of u.groups) {
      if (!groups.has(g.name.toLowerCase())) problem(g.at, `group ${g.name} is not in the file's GroupDetailList (is the file partial?)`)
      if (seen.has(g.name.toLowerCase())) problem(g.at, `group ${g.name} is listed twice`)
      seen.add(g.name.toLowerCase())
    }
  }
  for (const r of s.roles) {
    for (const p of r.profiles) if (p.tags.length > limits.tagsPerResource) problem(p.at, `${p.tags.length} tags; IAM allows ${limits.tagsPerResource}`)
  }

  for (const p of s.policies) {
    if (p.versions.length === 0 || p.versions.length > limits.versionsPerPolicy) {
      problem(p.at, `policy ${p.name} has ${p.versions.length} versions; a managed policy has 1 to ${limits.versionsPerPolicy}`)
    }
    const versionIds = new Set<string>()
    for (const v of p.versions) {
      if (versionIds.has(v.versionId)) problem(v.at, `version ${v.versionId} appears twice`)
      versionIds.add(v.versionId)
    }
    const defaults = p.versions.filter((v) => v.isDefaultVersion)
    if (defaults.length !== 1) problem(p.at, `policy ${p.name} must have exactly one version with IsDefaultVersion true, found ${defaults.length}`)
    else if (defaults[0]!.versionId !== p.defaultVersionId) {
      problem(p.at, `DefaultVersionId is ${p.defaultVersionId} but the default version in PolicyVersionList is ${defaults[0]!.versionId}`)
    }
  }

  const counted = [
    ...s.policies.map((p) => ({ at: p.at, arn: p.arn, attachmentCount: p.attachmentCount, boundaryUsageCount: p.boundaryUsageCount })),
    ...s.awsPolicies
  ]
  for (const p of s.awsPolicies) {
    if ((await getAwsManagedPolicy(p.arn)) === undefined) problem(p.at, `${p.arn} is not in Warden's catalog of AWS managed policies`)
  }
  for (const p of counted) {
    const u = usage.get(p.arn) ?? { attachments: 0, boundaries: 0 }
    if (u.attachments !== p.attachmentCount || u.boundaries !== p.boundaryUsageCount) {
      problem(p.at, `${p.arn} states ${p.attachmentCount} attachments and ${p.boundaryUsageCount} boundary uses, but the file holds ` +
        `${u.attachments} and ${u.boundaries}: entities are missing (was the listing filtered or cut short?)`)
    }
  }
  return problems
}
