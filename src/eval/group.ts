/**
 * A group of policies of one type (all identity policies, the resource policies, one SCP
 * level, ...) compiled together: statements indexed by service, and per action the list
 * of statements whose Action/NotAction can match, so statements that cannot match a
 * request's action are never looked at.
 */
import { createLruCache, type LruCache } from './cache.js'
import { ACCOUNT, DIRECT, ROLE, type CallerIdentity } from './principal.js'
import type { EvalState } from './state.js'
import { compileStatement, type CompiledStatement } from './statement.js'
import type { Policy } from '../policy/model.js'
import type { PolicyInput, PolicyType } from './types.js'

export const ALLOW = 1
export const DENY = 2
export { ACCOUNT, DIRECT, ROLE }

const ACTION_CACHE_LIMIT = 2048

export interface GroupOptions {
  withPrincipal: boolean
  callerHasBoundary: boolean
}

/** The first explicit deny found, for the denial explanation. */
export interface DenyInfo {
  policyId: string
  policyType: PolicyType
}

/**
 * Compiled statements per parsed policy, so a policy shared by many principals (an AWS
 * managed policy, a team's customer managed policy) is compiled once and its matchers are
 * shared by every policy set that includes it. Compiled statements hold no request state.
 * Keyed weakly: a policy nobody references any more takes its compiled form with it. The
 * inner key holds the input id, which for an inline policy names its principal: thousands of
 * principals may share one document text (so one parsed policy), hence a bound per policy.
 */
const compiledStatements = new WeakMap<Policy, LruCache<string, CompiledStatement[]>>()
const VARIANTS_PER_POLICY = 64

function statementsOf(input: PolicyInput, options: GroupOptions): CompiledStatement[] {
  const key = `${input.id}\u0000${input.type}\u0000${options.withPrincipal ? 1 : 0}${options.callerHasBoundary ? 1 : 0}`
  let perPolicy = compiledStatements.get(input.policy)
  const hit = perPolicy?.get(key)
  if (hit) return hit
  const variables = input.policy.version === '2012-10-17'
  const compiled = input.policy.statements.map((s) =>
    compileStatement(s, {
      policyId: input.id,
      policyType: input.type,
      variables,
      withPrincipal: options.withPrincipal,
      callerHasBoundary: options.callerHasBoundary
    })
  )
  if (!perPolicy) compiledStatements.set(input.policy, (perPolicy = createLruCache(VARIANTS_PER_POLICY)))
  perPolicy.set(key, compiled)
  return compiled
}

export class CompiledGroup {
  readonly size: number
  readonly policyType: PolicyType | undefined
  private readonly all: CompiledStatement[]
  private readonly byService = new Map<string, CompiledStatement[]>()
  private readonly anyService: CompiledStatement[]
  private readonly actionCache = new Map<string, CompiledStatement[]>()

  constructor(policies: PolicyInput[], options: GroupOptions) {
    const all: CompiledStatement[] = []
    for (const input of policies) all.push(...statementsOf(input, options))
    this.all = all
    this.size = policies.length
    this.policyType = policies[0]?.type
    this.anyService = all.filter((s) => s.services === undefined)
    const services = new Set<string>()
    for (const s of all) if (s.services) for (const svc of s.services) services.add(svc)
    for (const svc of services) {
      this.byService.set(
        svc,
        all.filter((s) => s.services === undefined || s.services.has(svc))
      )
    }
  }

  /** Statements whose action matcher accepts `action`, in document order (cached per action string). */
  candidates(action: string): CompiledStatement[] {
    const hit = this.actionCache.get(action)
    if (hit) return hit
    const lower = action.toLowerCase()
    const colon = lower.indexOf(':')
    const pool = (colon >= 0 ? this.byService.get(lower.slice(0, colon)) : undefined) ?? this.anyService
    const list = pool.filter((s) => s.matchesAction(lower))
    if (this.actionCache.size >= ACTION_CACHE_LIMIT) this.actionCache.clear()
    this.actionCache.set(action, list)
    return list
  }

  /**
   * Evaluates the group: ALLOW / DENY bits, plus DIRECT / ROLE / ACCOUNT bits for how
   * allowing statements named the caller (resource policies). Without explain it returns
   * at the first matching Deny.
   */
  evaluate(st: EvalState, caller: CallerIdentity | undefined, denyOut: { deny: DenyInfo | undefined }): number {
    if (this.all.length === 0) return 0
    const list = this.candidates(st.request.action)
    const resource = st.request.resource
    let flags = 0
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as CompiledStatement
      if (!s.matchesResource(resource, st)) continue
      let named = 0
      if (s.principal) {
        named = caller ? s.principal(caller) : 0
        if (named === 0) continue
      }
      if (!conditionsHold(s, st)) continue
      if (st.matched) st.matched.push(s.info)
      if (s.deny) {
        flags |= DENY
        if (!denyOut.deny) denyOut.deny = { policyId: s.info.policyId, policyType: s.info.policyType }
        if (!st.explain) return flags
      } else {
        flags |= ALLOW | named
      }
    }
    return flags
  }
}

function conditionsHold(s: CompiledStatement, st: EvalState): boolean {
  const cs = s.conditions
  if (cs.length === 0) return true
  if (!st.explain) {
    for (let i = 0; i < cs.length; i++) if (!(cs[i] as (st: EvalState) => boolean)(st)) return false
    return true
  }
  // Explain mode evaluates every clause so all missing keys are reported.
  let ok = true
  for (const c of cs) if (!c(st)) ok = false
  return ok
}
