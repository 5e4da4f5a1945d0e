/** How `warden simulate` shows a decision: a tree for people, JSON for scripts. */
import { formatAccessDenied, type AuthorizationRequest, type EvaluationResult, type MatchedStatement, type PolicyType } from '../eval/index.js'
import type { Palette } from './color.js'
import type { NearMiss, UnmetCondition } from './simulate-explain.js'

/** One evaluated request with everything needed to explain it. */
export interface Simulation {
  request: AuthorizationRequest
  result: EvaluationResult
  /** Statements whose action and resource matched but whose conditions did not (denied requests). */
  nearMisses: NearMiss[]
}

/** Where each policy id came from, for people. */
export type PolicyLabels = ReadonlyMap<string, { label: string; type: PolicyType }>

const SECTION: Record<string, { title: string; type: PolicyType[] }> = {
  identity: { title: 'identity-based policies', type: ['identity'] },
  resource: { title: 'resource-based policy', type: ['resource', 'trust'] },
  boundary: { title: 'permissions boundary', type: ['boundary'] },
  session: { title: 'session policies', type: ['session'] },
  scp: { title: 'service control policies', type: ['scp'] },
  rcp: { title: 'resource control policies', type: ['rcp'] }
}

const POLICY_WORDS: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  resource: 'the resource-based policy',
  trust: "the role's trust policy",
  boundary: 'the permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy'
}

/** Why a request was not allowed, in a sentence. */
export function reasonOf(s: Simulation): string | undefined {
  const { result, request } = s
  const denial = result.denial
  if (result.decision === 'Allow' || denial === undefined) return undefined
  switch (denial.reason) {
    case 'explicit-deny':
      return `an explicit Deny in ${POLICY_WORDS[denial.policyType ?? 'identity']} matches the request`
    case 'no-identity-allow':
      return `no identity-based policy allows ${request.action} on this resource`
    case 'no-resource-allow':
      return `the resource-based policy does not allow this principal, and no identity-based policy allows ${request.action}`
    case 'boundary':
      return `the permissions boundary does not allow ${request.action}`
    case 'session':
      return `no session policy allows ${request.action}`
    case 'scp':
      return `a service control policy does not allow ${request.action}`
    case 'rcp':
      return `a resource control policy does not allow ${request.action}`
    case 'trust':
      return "the role's trust policy does not allow this principal to assume it"
    case 'cross-account':
      return 'cross-account access needs an Allow in both the caller account (identity-based policy) and the resource account (resource-based policy)'
  }
}

function decisionText(result: EvaluationResult): string {
  if (result.decision === 'Allow') return 'ALLOWED'
  return result.decision === 'ExplicitDeny' ? 'DENIED (explicit deny)' : 'DENIED (implicit deny: nothing allows it)'
}

function conditionText(u: UnmetCondition): string {
  const wants = u.values.length === 1 ? u.values[0] : `one of ${u.values.join(', ')}`
  const has = u.requestValue === undefined ? `the request has no ${u.key}` : `the request has ${Array.isArray(u.requestValue) ? u.requestValue.join(', ') : u.requestValue}`
  return `${u.operator} ${u.key} ${wants}, but ${has}`
}

function nearMissText(n: NearMiss, labels: PolicyLabels): string {
  const which = n.sid ? `statement "${n.sid}"` : `statement ${n.statementIndex + 1}`
  const where = n.range ? ` (line ${n.range.start.line})` : ''
  return `${n.effect} did not apply · ${labels.get(n.policyId)?.label ?? n.policyId} · ${which}${where}: ${n.unmet.map(conditionText).join('; ')}`
}

function statementText(m: MatchedStatement, labels: PolicyLabels): string {
  const which = m.sid ? `statement "${m.sid}"` : `statement ${m.statementIndex + 1}`
  const where = m.range ? ` (line ${m.range.start.line})` : ''
  return `${m.effect} · ${labels.get(m.policyId)?.label ?? m.policyId} · ${which}${where}`
}

/** The decision as a tree. */
export function renderTree(s: Simulation, labels: PolicyLabels, color: Palette): string {
  const { request, result } = s
  const lines: string[] = []
  lines.push(color.bold(`${request.action} on ${request.resource}`))
  const allowed = result.decision === 'Allow'
  lines.push(`└─ ${allowed ? color.green(decisionText(result)) : color.red(decisionText(result))}`)
  const items: string[][] = []
  items.push([`principal: ${request.principal.arn}`])
  const reason = reasonOf(s)
  if (reason !== undefined) items.push([`reason: ${reason}`])
  for (const [key, section] of Object.entries(SECTION)) {
    const decision = (result.details as unknown as Record<string, string | undefined>)[key]
    const counted = [...labels.values()].filter((l) => section.type.includes(l.type)).length
    if (decision === undefined && counted === 0) continue
    const matched = result.matched.filter((m) => section.type.includes(m.policyType))
    const missed = s.nearMisses.filter((n) => section.type.includes(n.policyType))
    const head = `${section.title}: ${decision ?? 'not evaluated'}${counted === 0 ? ' (none)' : ''}`
    const children = [
      ...matched.map((m) => (m.effect === 'Allow' ? color.green('✔ ') : color.red('✘ ')) + statementText(m, labels)),
      ...missed.map((n) => color.yellow('✗ ') + nearMissText(n, labels))
    ]
    if (children.length === 0 && counted > 0) children.push(color.dim('no statement matched'))
    items.push([head, ...children])
  }
  if (result.missingContextKeys.length > 0) {
    items.push([`context keys the conditions read but the request lacks: ${result.missingContextKeys.join(', ')} (add them with --context key=value)`])
  }
  if (!allowed) items.push([color.dim(`AWS would answer: AccessDenied: ${formatAccessDenied(request, result)}`)])
  items.forEach((item, i) => {
    const last = i === items.length - 1
    lines.push(`   ${last ? '└─' : '├─'} ${item[0]}`)
    item.slice(1).forEach((child, j) => {
      lines.push(`   ${last ? '   ' : '│  '}${j === item.length - 2 ? '└─' : '├─'} ${child}`)
    })
  })
  return lines.join('\n') + '\n'
}

/** Every simulation as one JSON document. */
export function renderJson(simulations: Simulation[], labels: PolicyLabels): string {
  const policies = [...labels.entries()].map(([id, l]) => ({ id, type: l.type, label: l.label }))
  const results = simulations.map((s) => ({
    action: s.request.action,
    resource: s.request.resource,
    decision: s.result.decision,
    allowed: s.result.decision === 'Allow',
    reason: reasonOf(s) ?? null,
    accessDeniedMessage: s.result.decision === 'Allow' ? null : formatAccessDenied(s.request, s.result),
    details: s.result.details,
    matchedStatements: s.result.matched.map((m) => ({
      policyId: m.policyId,
      policy: labels.get(m.policyId)?.label ?? m.policyId,
      policyType: m.policyType,
      statementIndex: m.statementIndex,
      sid: m.sid ?? null,
      effect: m.effect,
      line: m.range?.start.line ?? null,
      column: m.range?.start.column ?? null
    })),
    missingContextKeys: s.result.missingContextKeys,
    unmetConditions: s.nearMisses.map((n) => ({
      policyId: n.policyId,
      policy: labels.get(n.policyId)?.label ?? n.policyId,
      policyType: n.policyType,
      statementIndex: n.statementIndex,
      sid: n.sid ?? null,
      effect: n.effect,
      line: n.range?.start.line ?? null,
      conditions: n.unmet.map((u) => ({ operator: u.operator, key: u.key, values: u.values, requestValue: u.requestValue ?? null }))
    }))
  }))
  return JSON.stringify({ principal: simulations[0]?.request.principal ?? null, policies, results }, null, 2) + '\n'
}
