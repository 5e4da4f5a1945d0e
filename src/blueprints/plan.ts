/**
 * Plan: compares a blueprint with the live state and lists what apply would create, change
 * and delete, as changes to show (policy documents diffed line by line) and as the ordered
 * IAM calls that make them. Destroy is the plan of an empty blueprint of the same name.
 *
 * Order (dependencies first): policies, groups, users (roles trust them), roles, instance
 * profiles, service-linked roles; then removals of what the blueprint owns but no longer
 * declares, each detached before it is deleted.
 */
import { formatDocument, sameDocument } from './documents.js'
import { diffLines, type DiffLine } from './line-diff.js'
import type { LiveGroup, LivePolicy, LiveRole, LiveState, LiveUser } from './live.js'
import { OWNER_TAG, type Blueprint, type InlinePolicy, type PolicyDocument } from './model.js'
import { stepKey, type Step } from './steps.js'
import { removeGroup, removeInstanceProfile, removePolicy, removeRole, removeServiceLinkedRole, removeUser } from './removal.js'

export type EntityKind = 'policy' | 'group' | 'user' | 'role' | 'instance profile' | 'service-linked role'
export type ChangeKind = 'create' | 'update' | 'delete' | 'conflict' | 'keep'

export interface ChangeDetail {
  sign: '+' | '-' | '~'
  text: string
  /** The document, line by line: all `+` for a new one, a diff for a changed one. */
  diff?: DiffLine[]
}

export interface Change {
  kind: ChangeKind
  entity: EntityKind
  name: string
  details: ChangeDetail[]
  /** Why a conflict blocks apply, or why an existing entity is left alone. */
  reason?: string
}

export interface Plan {
  blueprint: string
  accountId: string
  changes: Change[]
  steps: Step[]
}

const lower = (s: string) => s.toLowerCase()
const json = (doc: PolicyDocument) => formatDocument(doc)
const shortArn = (arn: string) => (arn.includes(':policy/') ? arn.slice(arn.indexOf(':policy/') + ':policy/'.length) : arn)
const added = (doc: PolicyDocument): DiffLine[] => diffLines('', json(doc))

/** True when the plan would call IAM at all. */
export function hasChanges(plan: Plan): boolean {
  return plan.steps.length > 0
}

/** Changes that block apply: declared entities that exist and are not this blueprint's. */
export function conflictsOf(plan: Plan): Change[] {
  return plan.changes.filter((c) => c.kind === 'conflict')
}

class Planner {
  readonly changes: Change[] = []
  readonly steps: Step[] = []
  private readonly tags: { Key: string; Value: string }[]

  constructor(
    private readonly bp: Blueprint,
    private readonly live: LiveState
  ) {
    this.tags = [{ Key: OWNER_TAG, Value: bp.name }]
  }

  private change(kind: ChangeKind, entity: EntityKind, name: string, details: ChangeDetail[] = [], reason?: string): Change {
    const c: Change = { kind, entity, name, details, reason }
    this.changes.push(c)
    return c
  }

  private step(s: Step): void {
    this.steps.push(s)
  }

  /** Conflict when an existing declared entity is not this blueprint's, or sits at another path. */
  private ownedOrConflict(entity: EntityKind, name: string, owner: string | undefined, livePath: string, wantPath: string): boolean {
    if (owner !== this.bp.name) {
      const who = owner === undefined ? `has no \`${OWNER_TAG}\` tag` : `belongs to blueprint \`${owner}\``
      this.change('conflict', entity, name, [], `exists and ${who}: rename it in the blueprint, or delete it first`)
      return false
    }
    if (livePath !== wantPath) {
      this.change('conflict', entity, name, [], `exists at path \`${livePath}\`, the blueprint says \`${wantPath}\`: IAM cannot move it; run destroy, then apply`)
      return false
    }
    return true
  }

  /** Attach/detach and put/delete-inline steps that turn `have` into `want` for one principal. */
  private policiesOf(
    kind: 'Role' | 'User' | 'Group',
    name: string,
    want: { managed: string[]; inline: InlinePolicy[] },
    have: { managed: string[]; inline: InlinePolicy[] },
    details: ChangeDetail[]
  ): void {
    const key = `${kind}Name`
    const haveManaged = new Set(have.managed)
    const wantManaged = new Set(want.managed)
    for (const arn of want.managed) {
      if (haveManaged.has(arn)) continue
      details.push({ sign: '+', text: `attach ${shortArn(arn)}` })
      this.step({ action: `Attach${kind}Policy`, input: { [key]: name, PolicyArn: arn }, summary: `attach ${shortArn(arn)} to ${kind.toLowerCase()} ${name}` })
    }
    for (const arn of have.managed) {
      if (wantManaged.has(arn)) continue
      details.push({ sign: '-', text: `detach ${shortArn(arn)}` })
      this.step({ action: `Detach${kind}Policy`, input: { [key]: name, PolicyArn: arn }, summary: `detach ${shortArn(arn)} from ${kind.toLowerCase()} ${name}`, ignoreMissing: true })
    }
    const haveInline = new Map(have.inline.map((p) => [p.name, p.document]))
    const wantInline = new Set(want.inline.map((p) => p.name))
    for (const p of want.inline) {
      const current = haveInline.get(p.name)
      if (current !== undefined && sameDocument(current, p.document)) continue
      details.push(
        current === undefined
          ? { sign: '+', text: `inline policy ${p.name}`, diff: added(p.document) }
          : { sign: '~', text: `inline policy ${p.name}`, diff: diffLines(json(current), json(p.document)) }
      )
      this.step({ action: `Put${kind}Policy`, input: { [key]: name, PolicyName: p.name, PolicyDocument: json(p.document) }, summary: `put inline policy ${p.name} on ${kind.toLowerCase()} ${name}` })
    }
    for (const p of have.inline) {
      if (wantInline.has(p.name)) continue
      details.push({ sign: '-', text: `inline policy ${p.name}` })
      this.step({ action: `Delete${kind}Policy`, input: { [key]: name, PolicyName: p.name }, summary: `delete inline policy ${p.name} from ${kind.toLowerCase()} ${name}`, ignoreMissing: true })
    }
  }

  private boundaryOf(kind: 'Role' | 'User', name: string, want: string | undefined, have: string | undefined, details: ChangeDetail[]): void {
    if (want === have) return
    const key = `${kind}Name`
    if (want !== undefined) {
      details.push({ sign: have === undefined ? '+' : '~', text: `permissions boundary ${shortArn(want)}` })
      this.step({ action: `Put${kind}PermissionsBoundary`, input: { [key]: name, PermissionsBoundary: want }, summary: `set the permissions boundary of ${kind.toLowerCase()} ${name}` })
    } else {
      details.push({ sign: '-', text: `permissions boundary ${shortArn(have!)}` })
      this.step({ action: `Delete${kind}PermissionsBoundary`, input: { [key]: name }, summary: `remove the permissions boundary of ${kind.toLowerCase()} ${name}`, ignoreMissing: true })
    }
  }

  private finish(kind: EntityKind, name: string, details: ChangeDetail[]): void {
    this.change(details.length > 0 ? 'update' : 'keep', kind, name, details)
  }

  policies(): void {
    for (const p of this.bp.policies) {
      const l = this.live.policies.get(lower(p.name))
      if (!l) {
        this.change('create', 'policy', p.name, [{ sign: '+', text: 'document', diff: added(p.document) }])
        this.step({
          action: 'CreatePolicy',
          input: { PolicyName: p.name, Path: p.path, PolicyDocument: json(p.document), ...(p.description ? { Description: p.description } : {}), Tags: this.tags },
          summary: `create policy ${p.name}`
        })
        continue
      }
      if (!this.ownedOrConflict('policy', p.name, l.owner, l.path, p.path)) continue
      if (sameDocument(l.document, p.document)) {
        this.finish('policy', p.name, [])
        continue
      }
      this.finish('policy', p.name, [{ sign: '~', text: 'document (new default version)', diff: diffLines(json(l.document), json(p.document)) }])
      // IAM keeps at most five versions: make room by deleting the oldest non-default one.
      if (l.otherVersions.length >= 4) {
        this.step({ action: 'DeletePolicyVersion', input: { PolicyArn: l.arn, VersionId: l.otherVersions[0] }, summary: `delete the oldest version of policy ${p.name}`, ignoreMissing: true })
      }
      this.step({ action: 'CreatePolicyVersion', input: { PolicyArn: l.arn, PolicyDocument: json(p.document), SetAsDefault: true }, summary: `update policy ${p.name} (new default version)` })
    }
  }

  groups(): void {
    for (const g of this.bp.groups) {
      const l = this.live.groups.get(lower(g.name))
      const details: ChangeDetail[] = []
      if (!l) {
        this.step({ action: 'CreateGroup', input: { GroupName: g.name, Path: g.path }, summary: `create group ${g.name}` })
        this.policiesOf('Group', g.name, { managed: g.managedPolicies, inline: g.inlinePolicies }, { managed: [], inline: [] }, details)
        this.change('create', 'group', g.name, details)
        continue
      }
      if (!l.owned) {
        this.change('conflict', 'group', g.name, [], `exists at path \`${l.path}\`; this blueprint's groups live under \`${g.path}\` (IAM groups cannot be tagged): rename it in the blueprint, or delete it first`)
        continue
      }
      this.policiesOf('Group', g.name, { managed: g.managedPolicies, inline: g.inlinePolicies }, l, details)
      this.finish('group', g.name, details)
    }
  }

  users(): void {
    for (const u of this.bp.users) {
      const l = this.live.users.get(lower(u.name))
      const details: ChangeDetail[] = []
      const have = l ?? { managed: [], inline: [], groups: [] as string[], accessKeys: [] as string[], permissionsBoundary: undefined }
      if (!l) {
        this.step({
          action: 'CreateUser',
          input: { UserName: u.name, Path: u.path, ...(u.permissionsBoundary ? { PermissionsBoundary: u.permissionsBoundary } : {}), Tags: this.tags },
          summary: `create user ${u.name}`
        })
      } else {
        if (!this.ownedOrConflict('user', u.name, l.owner, l.path, u.path)) continue
        this.boundaryOf('User', u.name, u.permissionsBoundary, l.permissionsBoundary, details)
      }
      const haveGroups = new Set(have.groups.map(lower))
      for (const g of u.groups) {
        if (haveGroups.has(lower(g))) continue
        details.push({ sign: '+', text: `member of group ${g}` })
        this.step({ action: 'AddUserToGroup', input: { GroupName: g, UserName: u.name }, summary: `add user ${u.name} to group ${g}` })
      }
      const wantGroups = new Set(u.groups.map(lower))
      for (const g of have.groups) {
        // Memberships in groups that are not the blueprint's are someone else's to manage.
        if (wantGroups.has(lower(g)) || !this.live.groups.get(lower(g))?.owned) continue
        details.push({ sign: '-', text: `member of group ${g}` })
        this.step({ action: 'RemoveUserFromGroup', input: { GroupName: g, UserName: u.name }, summary: `remove user ${u.name} from group ${g}`, ignoreMissing: true })
      }
      this.policiesOf('User', u.name, { managed: u.managedPolicies, inline: u.inlinePolicies }, have, details)
      if (u.accessKey && have.accessKeys.length === 0) {
        details.push({ sign: '+', text: 'access key (the secret is shown once)' })
        this.step({ action: 'CreateAccessKey', input: { UserName: u.name }, summary: `create an access key for user ${u.name}` })
      }
      if (!l) this.change('create', 'user', u.name, details)
      else this.finish('user', u.name, details)
    }
  }

  roles(): void {
    for (const r of this.bp.roles) {
      const l = this.live.roles.get(lower(r.name))
      const details: ChangeDetail[] = []
      if (!l) {
        details.push({ sign: '+', text: 'trust policy', diff: added(r.trust) })
        this.step({
          action: 'CreateRole',
          input: {
            RoleName: r.name,
            Path: r.path,
            AssumeRolePolicyDocument: json(r.trust),
            ...(r.description ? { Description: r.description } : {}),
            ...(r.maxSessionDuration ? { MaxSessionDuration: r.maxSessionDuration } : {}),
            ...(r.permissionsBoundary ? { PermissionsBoundary: r.permissionsBoundary } : {}),
            Tags: this.tags
          },
          summary: `create role ${r.name}`
        })
        this.policiesOf('Role', r.name, { managed: r.managedPolicies, inline: r.inlinePolicies }, { managed: [], inline: [] }, details)
        this.change('create', 'role', r.name, details)
        continue
      }
      if (!this.ownedOrConflict('role', r.name, l.owner, l.path, r.path)) continue
      if (!sameDocument(l.trust, r.trust)) {
        details.push({ sign: '~', text: 'trust policy', diff: diffLines(json(l.trust), json(r.trust)) })
        this.step({ action: 'UpdateAssumeRolePolicy', input: { RoleName: r.name, PolicyDocument: json(r.trust) }, summary: `update the trust policy of role ${r.name}` })
      }
      const description = r.description !== undefined && r.description !== (l.description ?? '')
      const duration = (r.maxSessionDuration ?? 3600) !== l.maxSessionDuration
      if (description || duration) {
        if (description) details.push({ sign: '~', text: `description: ${r.description}` })
        if (duration) details.push({ sign: '~', text: `max session duration: ${l.maxSessionDuration} -> ${r.maxSessionDuration ?? 3600}` })
        this.step({
          action: 'UpdateRole',
          input: { RoleName: r.name, ...(description ? { Description: r.description } : {}), ...(duration ? { MaxSessionDuration: r.maxSessionDuration ?? 3600 } : {}) },
          summary: `update role ${r.name}`
        })
      }
      this.boundaryOf('Role', r.name, r.permissionsBoundary, l.permissionsBoundary, details)
      this.policiesOf('Role', r.name, { managed: r.managedPolicies, inline: r.inlinePolicies }, l, details)
      this.finish('role', r.name, details)
    }
  }

  instanceProfiles(): void {
    for (const p of this.bp.instanceProfiles) {
      const l = this.live.instanceProfiles.get(lower(p.name))
      const details: ChangeDetail[] = []
      if (!l) {
        this.step({ action: 'CreateInstanceProfile', input: { InstanceProfileName: p.name, Path: p.path, Tags: this.tags }, summary: `create instance profile ${p.name}` })
      } else if (!this.ownedOrConflict('instance profile', p.name, l.owner, l.path, p.path)) continue
      const have = l?.roles ?? []
      for (const role of have) {
        if (lower(role) === lower(p.role)) continue
        details.push({ sign: '-', text: `role ${role}` })
        this.step({ action: 'RemoveRoleFromInstanceProfile', input: { InstanceProfileName: p.name, RoleName: role }, summary: `remove role ${role} from instance profile ${p.name}`, ignoreMissing: true })
      }
      if (!have.some((r) => lower(r) === lower(p.role))) {
        details.push({ sign: '+', text: `role ${p.role}` })
        this.step({ action: 'AddRoleToInstanceProfile', input: { InstanceProfileName: p.name, RoleName: p.role }, summary: `add role ${p.role} to instance profile ${p.name}` })
      }
      if (!l) this.change('create', 'instance profile', p.name, details)
      else this.finish('instance profile', p.name, details)
    }
  }

  serviceLinkedRoles(): void {
    for (const s of this.bp.serviceLinkedRoles) {
      const l = this.live.serviceLinkedRoles.get(s.service)
      if (l) {
        const shared = l.owner !== this.bp.name
        this.change('keep', 'service-linked role', l.roleName, [], shared ? `exists already (shared by the account): used as is, never deleted by this blueprint` : undefined)
        continue
      }
      this.change('create', 'service-linked role', s.service, [{ sign: '+', text: `for ${s.service}` }])
      const tags = this.tags
      this.step({
        action: 'CreateServiceLinkedRole',
        input: { AWSServiceName: s.service, ...(s.description ? { Description: s.description } : {}) },
        summary: `create the service-linked role for ${s.service}`,
        // The service names the role, so the ownership tag follows the create (TagRole accepts
        // service-linked roles: https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html).
        then: (out) => {
          const roleName = (out.Role as { RoleName?: string } | undefined)?.RoleName
          return roleName ? [{ action: 'TagRole', input: { RoleName: roleName, Tags: tags }, summary: `tag service-linked role ${roleName}` }] : []
        }
      })
    }
  }

  /** Removes what the blueprint owns but no longer declares, dependents first. */
  removals(): void {
    const declared = (names: string[]) => new Set(names.map(lower))
    const owned = <T extends { owner?: string }>(m: Map<string, T>, keep: Set<string>) => [...m.entries()].filter(([k, v]) => v.owner === this.bp.name && !keep.has(k)).map(([, v]) => v)
    const remove = (entity: EntityKind, name: string, steps: Step[]) => {
      this.change('delete', entity, name)
      steps.forEach((s) => this.step(s))
    }
    for (const p of owned(this.live.instanceProfiles, declared(this.bp.instanceProfiles.map((x) => x.name)))) remove('instance profile', p.name, removeInstanceProfile(p))
    for (const r of owned<LiveRole>(this.live.roles, declared(this.bp.roles.map((x) => x.name)))) remove('role', r.name, removeRole(r))
    for (const u of owned<LiveUser>(this.live.users, declared(this.bp.users.map((x) => x.name)))) remove('user', u.name, removeUser(u))
    const keepGroups = declared(this.bp.groups.map((x) => x.name))
    for (const g of [...this.live.groups.values()].filter((x: LiveGroup) => x.owned && !keepGroups.has(lower(x.name)))) remove('group', g.name, removeGroup(g))
    for (const p of owned<LivePolicy>(this.live.policies, declared(this.bp.policies.map((x) => x.name)))) remove('policy', p.name, removePolicy(p))
    const keepServices = new Set(this.bp.serviceLinkedRoles.map((s) => s.service))
    for (const s of [...this.live.serviceLinkedRoles.values()].filter((x) => x.owner === this.bp.name && !keepServices.has(x.service))) {
      remove('service-linked role', s.roleName, removeServiceLinkedRole(s))
    }
  }
}

function dedupe(steps: Step[]): Step[] {
  const seen = new Set<string>()
  return steps.filter((s) => {
    const k = stepKey(s)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** What apply would do to make the account match the blueprint. */
export function planBlueprint(bp: Blueprint, live: LiveState): Plan {
  const p = new Planner(bp, live)
  p.policies()
  p.groups()
  p.users()
  p.roles()
  p.instanceProfiles()
  p.serviceLinkedRoles()
  p.removals()
  const blocked = p.changes.some((c) => c.kind === 'conflict')
  return { blueprint: bp.name, accountId: bp.accountId, changes: p.changes, steps: blocked ? [] : dedupe(p.steps) }
}

/** What destroy would do: remove everything blueprint `name` owns. */
export function planDestroy(name: string, accountId: string, live: LiveState): Plan {
  const empty: Blueprint = {
    name,
    description: '',
    source: '',
    accountId,
    region: '',
    partition: 'aws',
    parameters: [],
    policies: [],
    roles: [],
    instanceProfiles: [],
    groups: [],
    users: [],
    serviceLinkedRoles: []
  }
  return planBlueprint(empty, live)
}
