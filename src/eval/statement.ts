/**
 * Compiles one statement into matchers built once: actions (exact set + globs, lower-cased),
 * resources (pre-split ARN patterns, or templates when they hold policy variables),
 * principal, and conditions.
 */
import type { Statement } from '../policy/model.js'
import { compileArnPattern, matchArnDynamic, splitArnPattern } from './arn.js'
import { compileCondition, type CompiledCondition } from './condition.js'
import { compilePrincipal, type PrincipalMatcher } from './principal.js'
import type { EvalState } from './state.js'
import type { MatchedStatement, PolicyType } from './types.js'
import { fillTemplate, parseTemplate } from './variables.js'
import { compileStringGlob, hasWildcard } from './wildcard.js'

export interface CompiledStatement {
  deny: boolean
  /** Lower-cased services this statement's Action names; undefined = may match any service. */
  services: Set<string> | undefined
  matchesAction: (lowerAction: string) => boolean
  matchesResource: (resource: string, st: EvalState) => boolean
  principal: PrincipalMatcher | undefined
  conditions: CompiledCondition[]
  /** The explanation record, built once. */
  info: MatchedStatement
}

export interface StatementOptions {
  policyId: string
  policyType: PolicyType
  /** Version 2012-10-17: policy variables are substituted. */
  variables: boolean
  /** Resource-based / trust policies: match Principal / NotPrincipal. */
  withPrincipal: boolean
  callerHasBoundary: boolean
}

function compileActions(patterns: string[]): { test: (a: string) => boolean; services: Set<string> | undefined } {
  const exact = new Set<string>()
  const globs: ((s: string) => boolean)[] = []
  let services: Set<string> | undefined = new Set<string>()
  let all = false
  for (const raw of patterns) {
    const p = raw.toLowerCase()
    if (p === '*') {
      all = true
      services = undefined
      continue
    }
    const colon = p.indexOf(':')
    const service = colon >= 0 ? p.slice(0, colon) : p
    if (colon < 0 || hasWildcard(service)) services = undefined
    else services?.add(service)
    if (hasWildcard(p)) globs.push(compileStringGlob(p))
    else exact.add(p)
  }
  if (all) return { test: () => true, services: undefined }
  if (globs.length === 0) return { test: (a) => exact.has(a), services }
  return {
    test: (a) => {
      if (exact.has(a)) return true
      for (const g of globs) if (g(a)) return true
      return false
    },
    services
  }
}

type ResourceTest = (resource: string, st: EvalState) => boolean

/**
 * The ARN head (partition, service, region, account) of a pattern with a variable in its
 * resource part; a variable without a value only invalidates the entry for resources whose
 * head matches, since matching goes segment by segment and stops at the first mismatch.
 */
function compileHead(pattern: string): (resource: string) => boolean {
  const parts = splitArnPattern(pattern)
  if (parts.length < 6 || parts.slice(0, 5).some((p) => p.includes('${'))) return () => true
  return compileArnPattern(`${parts.slice(0, 5).join(':')}:*`)
}

/**
 * `unresolvedMatches`: what an entry whose policy variable has no value counts as once its
 * ARN head matched. AWS: such a variable "causes the statement to be invalid" (IAM User
 * Guide, Variables and tags, principal key values), so in Resource the entry matches nothing
 * and in NotResource it keeps the statement from applying.
 */
function compileResourceList(patterns: string[], variables: boolean, unresolvedMatches: boolean): { test: ResourceTest; hasStar: boolean } {
  const statics: ((s: string) => boolean)[] = []
  const dynamic: { template: NonNullable<ReturnType<typeof parseTemplate>>; head: (resource: string) => boolean }[] = []
  let hasStar = false
  for (const p of patterns) {
    if (p === '*') hasStar = true
    const t = variables ? parseTemplate(p) : undefined
    if (t) dynamic.push({ template: t, head: compileHead(p) })
    else statics.push(compileArnPattern(p))
  }
  if (hasStar) return { test: () => true, hasStar }
  const test: ResourceTest = (resource, st) => {
    for (const m of statics) if (m(resource)) return true
    for (const d of dynamic) {
      const p = fillTemplate(d.template, st, true)
      if (p === undefined) {
        if (unresolvedMatches && d.head(resource)) return true
      } else if (matchArnDynamic(p, resource)) return true
    }
    return false
  }
  return { test, hasStar }
}

/**
 * Resource and NotResource. A request for resource `*` (actions without a resource type)
 * matches any Resource entry and a NotResource that does not list `*`.
 */
function compileResources(s: Statement, variables: boolean): ResourceTest {
  if (s.resource) {
    const { test } = compileResourceList(s.resource, variables, false)
    return (r, st) => r === '*' || test(r, st)
  }
  if (s.notResource) {
    const { test, hasStar } = compileResourceList(s.notResource, variables, true)
    return (r, st) => (r === '*' ? !hasStar : !test(r, st))
  }
  // Trust policies carry no Resource element: the role itself is the resource.
  return () => true
}

/** Compiles a statement of a policy. */
export function compileStatement(s: Statement, o: StatementOptions): CompiledStatement {
  const deny = s.effect === 'Deny'
  let actions: { test: (a: string) => boolean; services: Set<string> | undefined }
  if (s.action) actions = compileActions(s.action)
  else if (s.notAction) {
    const inner = compileActions(s.notAction)
    actions = { test: (a) => !inner.test(a), services: undefined }
  } else actions = { test: () => false, services: new Set() }
  const info: MatchedStatement = {
    policyId: o.policyId,
    policyType: o.policyType,
    statementIndex: s.index,
    effect: s.effect
  }
  if (s.sid !== undefined) info.sid = s.sid
  if (s.range !== undefined) info.range = s.range
  return {
    deny,
    services: actions.services,
    matchesAction: actions.test,
    matchesResource: compileResources(s, o.variables),
    principal: o.withPrincipal ? compilePrincipal(s.principal, s.notPrincipal, deny, o.callerHasBoundary) : undefined,
    conditions: s.conditions.map((c) => compileCondition(c, o.variables)),
    info
  }
}
