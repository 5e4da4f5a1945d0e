/**
 * The policies that govern a principal, compiled once and cached: a user's own and its
 * groups' inline and managed policies and its boundary; a role's, for its sessions; a
 * group's own (the policy simulator). The cache key carries the store revision, so any
 * permission change recompiles on the next request and nothing stale is ever used; AWS
 * managed policies come from the catalog.
 */
import { awsManagedPolicyText, getAwsManagedPolicy, isAwsManagedPolicyArn } from '../catalog/index.js'
import { compilePolicySet, createLruCache, type CompiledPolicySet, type PolicyInput, type PolicyType } from '../eval/index.js'
import { parsePolicy, type Policy, type PolicyKind } from '../policy/index.js'
import type { Store } from '../store/index.js'

/** Where a policy of a principal comes from, as IAM's policy simulator names it (SourcePolicyType). */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed'

/** A policy's name (inline policy name, or the managed policy's name) and where it comes from. */
export interface PolicySourceInfo {
  name: string
  type: PolicySourceType
}

/** What the cache holds for one principal. */
export interface PrincipalPolicies {
  /** The user, role or group itself. */
  principal: { type: 'user' | 'role' | 'group'; id: string; name: string; path: string; arn: string }
  /** The principal's identity policies and boundary (session policies are added per session). */
  inputs: { identity: PolicyInput[]; boundary: PolicyInput[] }
  /** Per input id: the policy's name and source. Ids are unique: `user:alice:inline-name`, or the managed policy's ARN. */
  sources: ReadonlyMap<string, PolicySourceInfo>
  /** Identity and boundary only: the set for long-term credentials. */
  compiled: CompiledPolicySet
  tags: Record<string, string>
}

const documents = createLruCache<string, Policy | null>(4096)

/** Parses a stored document once (documents are immutable per text). */
export function parsedDocument(text: string, kind: PolicyKind): Policy | undefined {
  const key = `${kind}\u0000${text}`
  const hit = documents.get(key)
  if (hit !== undefined) return hit ?? undefined
  const parsed = parsePolicy(text, { kind, sizeLimit: 'none' }).policy
  documents.set(key, parsed ?? null)
  return parsed
}

async function managedDocument(arn: string, stored: string | undefined): Promise<string | undefined> {
  if (stored !== undefined) return stored
  if (!isAwsManagedPolicyArn(arn)) return undefined
  const p = await getAwsManagedPolicy(arn)
  return p ? awsManagedPolicyText(p) : undefined
}

function managedSource(arn: string): PolicySourceInfo {
  return { name: arn.slice(arn.lastIndexOf('/') + 1), type: isAwsManagedPolicyArn(arn) ? 'aws-managed' : 'user-managed' }
}

function input(id: string, type: PolicyType, text: string | undefined, kind: PolicyKind): PolicyInput | undefined {
  if (text === undefined) return undefined
  const policy = parsedDocument(text, kind)
  return policy ? { id, type, policy } : undefined
}

export class PolicySetCache {
  private readonly cache = createLruCache<string, PrincipalPolicies>(2048)
  private readonly managed = createLruCache<string, string>(2048)

  constructor(private readonly store: Store) {}

  /** The default version's document of a managed policy (AWS or customer), at the current revision; undefined if none. */
  async managedPolicyDocument(arn: string): Promise<string | undefined> {
    if (isAwsManagedPolicyArn(arn)) return managedDocument(arn, undefined)
    const key = `${await this.store.getRevision()}\u0000${arn}`
    const hit = this.managed.get(key)
    if (hit !== undefined) return hit
    const policy = await this.store.getPolicy(arn)
    const version = policy ? await this.store.getPolicyVersion(arn, policy.defaultVersionId) : undefined
    // Absence is not cached: creating a policy does not move the revision.
    if (version) this.managed.set(key, version.document)
    return version?.document
  }

  /** The compiled policies of a user, role or group, at the store's current revision; undefined if it no longer exists. */
  async load(kind: 'user' | 'role' | 'group', name: string): Promise<PrincipalPolicies | undefined> {
    const revision = await this.store.getRevision()
    const key = `${kind}\u0000${name.toLowerCase()}\u0000${revision}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const loaded = await this.store.loadPrincipalPolicies({ type: kind, name })
    if (!loaded) return undefined
    const identity: PolicyInput[] = []
    const sources = new Map<string, PolicySourceInfo>()
    for (const p of loaded.inline) {
      const id = `${p.source.type}:${p.source.name}:${p.policyName}`
      const i = input(id, 'identity', p.document, 'identity')
      if (i) {
        identity.push(i)
        sources.set(id, { name: p.policyName, type: p.source.type })
      }
    }
    for (const p of loaded.managed) {
      // A policy attached to the user and to one of its groups applies once.
      if (sources.has(p.policyArn)) continue
      const i = input(p.policyArn, 'identity', await managedDocument(p.policyArn, p.document), 'identity')
      if (i) {
        identity.push(i)
        sources.set(p.policyArn, managedSource(p.policyArn))
      }
    }
    const boundary: PolicyInput[] = []
    if (loaded.permissionsBoundary) {
      const b = loaded.permissionsBoundary
      const i = input(b.policyArn, 'boundary', await managedDocument(b.policyArn, b.document), 'boundary')
      if (i) {
        boundary.push(i)
        sources.set(b.policyArn, managedSource(b.policyArn))
      }
    }
    const entity = kind === 'user' ? await this.store.getUser(name) : kind === 'role' ? await this.store.getRole(name) : undefined
    const tags: Record<string, string> = {}
    for (const t of entity?.tags ?? []) tags[t.key] = t.value
    const value: PrincipalPolicies = {
      principal: loaded.principal,
      inputs: { identity, boundary },
      sources,
      compiled: compilePolicySet({ identity, boundary: boundary.length ? boundary : undefined }),
      tags
    }
    this.cache.set(key, value)
    return value
  }
}
