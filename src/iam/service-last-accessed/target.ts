/**
 * The IAM resource a service last accessed report (or ListPoliciesGrantingServiceAccess) is
 * about, from its ARN: the permissions policies that count for it and the users and roles
 * whose recorded use counts. A user counts its own and its groups' policies; a role its
 * own; a group its own, and its members' use; a managed policy its default version, and
 * the use of the users and roles it is attached to (directly or through a group).
 */
import { awsManagedPolicyText, getAwsManagedPolicy, isAwsManagedPolicyArn } from '../../catalog/index.js'
import type { Policy } from '../../policy/index.js'
import { parsedDocument } from '../../server/policy-sets.js'
import { parsePolicyArn } from '../../store/arn.js'
import type { PolicyEntity, PrincipalPolicies, Store, UserRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { allPages } from '../shared/paging.js'

export type TargetKind = 'user' | 'group' | 'role' | 'policy'

/** A user or role whose recorded use a report counts (EntityInfo's fields). */
export interface ReportEntity {
  type: 'USER' | 'ROLE'
  id: string
  name: string
  path: string
  arn: string
}

/** One permissions policy of the target, as ListPoliciesGrantingServiceAccess names it. */
export interface TargetPolicy {
  policyName: string
  policyType: 'INLINE' | 'MANAGED'
  policyArn?: string
  /** For inline policies: who holds it. */
  entityType?: 'USER' | 'GROUP' | 'ROLE'
  entityName?: string
  policy: Policy
}

export interface ReportTarget {
  kind: TargetKind
  arn: string
  policies: TargetPolicy[]
  entities: ReportEntity[]
}

const PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(user|group|role)(\/(?:[\u0021-\u007e]*\/)?)([\w+=,.@-]{1,128})$/

/** The target's kind and name; InvalidInput unless `arn` is a user, group or role (or, when allowed, managed policy) ARN. */
function parseTargetArn(arn: string, withPolicies: boolean): { kind: TargetKind; account: string; name: string } {
  const m = PRINCIPAL_ARN.exec(arn)
  if (m) return { kind: m[2] as TargetKind, account: m[1] as string, name: m[4] as string }
  const p = withPolicies ? parsePolicyArn(arn) : undefined
  if (p) return { kind: 'policy', account: p.account, name: p.name }
  throw iamError('InvalidInput', `ARN ${arn} is not valid.`)
}

function notFound(kind: TargetKind, name: string, arn: string): never {
  throw iamError('NoSuchEntity', kind === 'policy' ? `Policy ${arn} was not found.` : `The ${kind} with name ${name} cannot be found.`)
}

function parsed(text: string | undefined): Policy | undefined {
  return text === undefined ? undefined : parsedDocument(text, 'identity')
}

async function managedText(arn: string, stored: string | undefined): Promise<string | undefined> {
  if (stored !== undefined || !isAwsManagedPolicyArn(arn)) return stored
  const p = await getAwsManagedPolicy(arn)
  return p && awsManagedPolicyText(p)
}

const ENTITY_TYPE = { user: 'USER', group: 'GROUP', role: 'ROLE' } as const

/** A principal's inline and managed policies (a managed policy attached twice, to a user and its group, once). */
async function principalPolicies(loaded: PrincipalPolicies): Promise<TargetPolicy[]> {
  const out: TargetPolicy[] = []
  for (const p of loaded.inline) {
    const policy = parsed(p.document)
    if (policy) out.push({ policyName: p.policyName, policyType: 'INLINE', entityType: ENTITY_TYPE[p.source.type], entityName: p.source.name, policy })
  }
  const seen = new Set<string>()
  for (const p of loaded.managed) {
    if (seen.has(p.policyArn)) continue
    seen.add(p.policyArn)
    const policy = parsed(await managedText(p.policyArn, p.document))
    if (policy) out.push({ policyName: p.policyArn.slice(p.policyArn.lastIndexOf('/') + 1), policyType: 'MANAGED', policyArn: p.policyArn, policy })
  }
  return out
}

function userEntity(u: UserRecord): ReportEntity {
  return { type: 'USER', id: u.id, name: u.name, path: u.path, arn: u.arn }
}

/** The users and roles a managed policy is attached to, directly or through their groups. */
async function policyEntities(store: Store, arn: string): Promise<ReportEntity[]> {
  const attached = await allPages((r) => store.listEntitiesForPolicy(arn, { ...r, policyUsageFilter: 'PermissionsPolicy' }))
  const out = new Map<string, ReportEntity>()
  const add = (e: ReportEntity): void => void out.set(e.id, e)
  for (const e of attached as PolicyEntity[]) {
    if (e.type === 'user') {
      const u = await store.getUser(e.name)
      if (u) add(userEntity(u))
    } else if (e.type === 'role') {
      const r = await store.getRole(e.name)
      if (r) add({ type: 'ROLE', id: r.id, name: r.name, path: r.path, arn: r.arn })
    } else {
      for (const u of await allPages((r) => store.listGroupMembers(e.name, r))) add(userEntity(u))
    }
  }
  return [...out.values()]
}

/**
 * Resolves `arn` in this account: InvalidInput for an ARN of another kind (policies only
 * when `withPolicies`), NoSuchEntity for one that does not exist (or is in another account).
 */
export async function resolveTarget(store: Store, accountId: string, arn: string, withPolicies: boolean): Promise<ReportTarget> {
  const { kind, account, name } = parseTargetArn(arn, withPolicies)
  if (kind === 'policy') {
    let text: string | undefined
    if (account === 'aws') {
      const p = await getAwsManagedPolicy(arn)
      text = p && awsManagedPolicyText(p)
    } else if (account === accountId) {
      const p = await store.getPolicy(arn)
      text = p && (await store.getPolicyVersion(arn, p.defaultVersionId))?.document
    }
    const policy = parsed(text)
    if (policy === undefined) notFound(kind, name, arn)
    return { kind, arn, policies: [{ policyName: name, policyType: 'MANAGED', policyArn: arn, policy }], entities: await policyEntities(store, arn) }
  }
  const loaded = account === accountId ? await store.loadPrincipalPolicies({ type: kind, name }) : undefined
  // The path is part of the ARN: a user at another path is another user.
  if (!loaded || loaded.principal.arn.toLowerCase() !== arn.toLowerCase()) notFound(kind, name, arn)
  const p = loaded.principal
  const entities: ReportEntity[] = kind === 'group'
    ? (await allPages((r) => store.listGroupMembers(p.name, r))).map(userEntity)
    : [{ type: kind === 'user' ? 'USER' : 'ROLE', id: p.id, name: p.name, path: p.path, arn: p.arn }]
  return { kind, arn: p.arn, policies: await principalPolicies(loaded), entities }
}
