/**
 * AWS's AccessDenied message texts (IAM User Guide, "Troubleshoot access denied error
 * messages"): "User: <arn> is not authorized to perform: <action> on resource: <resource>
 * because no <type> policy allows the <action> action" / "... with an explicit deny in a
 * <type> policy". STS answers a refused AssumeRole* without the reason clause.
 */
import type { AuthorizationRequest, EvaluationResult, PolicyType } from './types.js'

const EXPLICIT: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy'
}

const IMPLICIT: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy'
}

const ASSUME_ROLE = /^sts:assumerole(withwebidentity|withsaml)?$/i

/** Renders the AccessDenied message AWS would return for a denied request ('' when allowed). */
export function formatAccessDenied(request: AuthorizationRequest, result: EvaluationResult): string {
  if (result.decision === 'Allow') return ''
  const who = request.principal.type === 'Anonymous' ? 'anonymous' : request.principal.arn
  const head = `User: ${who} is not authorized to perform: ${request.action}`
  const on = request.resource === '*' ? '' : ` on resource: ${request.resource}`
  if (ASSUME_ROLE.test(request.action)) return `${head}${on}`
  const denial = result.denial
  if (result.decision === 'ExplicitDeny') {
    return `${head}${on} with an explicit deny in ${EXPLICIT[denial?.policyType ?? 'identity']}`
  }
  const type: PolicyType = (() => {
    switch (denial?.reason) {
      case 'no-resource-allow':
      case 'cross-account':
      case 'trust':
        return 'resource'
      case 'boundary':
        return 'boundary'
      case 'session':
        return 'session'
      case 'scp':
        return 'scp'
      case 'rcp':
        return 'rcp'
      default:
        return 'identity'
    }
  })()
  return `${head}${on} because no ${IMPLICIT[type]} allows the ${request.action} action`
}
