/**
 * The compiled policy set a simulation evaluates, and how results name each policy. For a
 * stored principal with nothing added it is the very set enforcement compiled and cached
 * (PolicySetCache); added input policies, a replacement boundary or a resource policy make a
 * new set, compiled once per combination and cached beside the principal's set, so repeating a
 * simulation neither re-parses nor recompiles.
 */
import { compilePolicySet, createLruCache, type CompiledPolicySet, type LruCache, type PolicyInput } from '../../eval/index.js'
import type { Policy } from '../../policy/index.js'
import type { PrincipalPolicies } from '../../server/policy-sets.js'
import type { SourcedInput } from './policy-inputs.js'
import type { ApiPolicySourceType } from './shapes.js'

export interface PolicySource {
  /** SourcePolicyId: the inline policy's or managed policy's name, `PolicyInputList.N`, `ResourcePolicy`, ... */
  id: string
  type: ApiPolicySourceType
  policy: Policy
}

export interface SimulationSet {
  compiled: CompiledPolicySet
  /** By the engine's policy id. */
  sources: ReadonlyMap<string, PolicySource>
  hasBoundary: boolean
  hasResourcePolicy: boolean
}

/** The policies of a simulation: stored ones (SimulatePrincipalPolicy) and the ones passed as text. */
export interface SimulationPolicies {
  stored: PrincipalPolicies | undefined
  added: SourcedInput[]
  boundary: SourcedInput | undefined
  resource: SourcedInput | undefined
}

const CUSTOM = {}
const sets = new WeakMap<object, LruCache<string, SimulationSet>>()
const policyNumbers = new WeakMap<Policy, number>()
let nextNumber = 1

/** A number per parsed document: texts are parsed once, so equal texts give equal keys while cached. */
function numberOf(policy: Policy): number {
  let n = policyNumbers.get(policy)
  if (n === undefined) policyNumbers.set(policy, (n = nextNumber++))
  return n
}

function storedSources(stored: PrincipalPolicies, out: Map<string, PolicySource>, withBoundary: boolean): void {
  const inputs = withBoundary ? [...stored.inputs.identity, ...stored.inputs.boundary] : stored.inputs.identity
  for (const input of inputs) {
    const info = stored.sources.get(input.id)
    if (info !== undefined) out.set(input.id, { id: info.name, type: info.type, policy: input.policy })
  }
}

function build(p: SimulationPolicies): SimulationSet {
  const sources = new Map<string, PolicySource>()
  if (p.stored) storedSources(p.stored, sources, p.boundary === undefined)
  for (const s of [...p.added, p.boundary, p.resource]) if (s) sources.set(s.input.id, { id: s.sourceId, type: s.sourceType, policy: s.input.policy })
  const boundary: PolicyInput[] = p.boundary ? [p.boundary.input] : (p.stored?.inputs.boundary ?? [])
  const plain = p.stored !== undefined && p.added.length === 0 && p.boundary === undefined && p.resource === undefined
  const compiled = plain
    ? p.stored!.compiled
    : compilePolicySet({
        identity: [...(p.stored?.inputs.identity ?? []), ...p.added.map((s) => s.input)],
        boundary: boundary.length > 0 ? boundary : undefined,
        resource: p.resource ? [p.resource.input] : undefined
      })
  return { compiled, sources, hasBoundary: boundary.length > 0, hasResourcePolicy: p.resource !== undefined }
}

/** The set for `p`, from the cache when this combination was simulated before. */
export function simulationSet(p: SimulationPolicies): SimulationSet {
  const owner = p.stored ?? CUSTOM
  let perOwner = sets.get(owner)
  if (perOwner === undefined) sets.set(owner, (perOwner = createLruCache(64)))
  const key = [
    p.added.map((s) => numberOf(s.input.policy)).join(','),
    p.boundary ? numberOf(p.boundary.input.policy) : '',
    p.resource ? numberOf(p.resource.input.policy) : ''
  ].join('|')
  let set = perOwner.get(key)
  if (set === undefined) perOwner.set(key, (set = build(p)))
  return set
}
