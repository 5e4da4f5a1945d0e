/**
 * Checks on attached AWS managed policies: the ARN must name a policy AWS has and lets
 * customers attach, and a policy that grants whole services on every resource
 * (AmazonS3FullAccess: s3:* on *) is flagged where a policy scoped to the resources the
 * principal uses would do.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies
 */
import type { LintContext, Location } from '../context.js'
import type { LintManagedPolicy } from '../types.js'

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//

/** Checks one attached policy ARN; `boundary` is true for a permissions boundary (broad is fine there). */
export function checkManagedPolicyArn(ctx: LintContext, arn: string, at: Location, boundary: boolean): void {
  if (!AWS_MANAGED.test(arn) || ctx.managedPolicies === undefined) return
  const policy = ctx.managedPolicies.get(arn)
  if (policy === undefined) {
    ctx.report('UNKNOWN_MANAGED_POLICY', at, `${arn} is not an AWS managed policy: attaching it fails with NoSuchEntity. Check the name and path (service roles' policies live under service-role/).`)
    return
  }
  if (!policy.isAttachable) {
    const why = policy.deprecated
      ? `${policy.policyName} is deprecated${policy.replacedBy ? `; AWS replaced it with ${policy.replacedBy}` : ''}`
      : `${policy.policyName} is reserved for a service-linked role`
    ctx.report('MANAGED_POLICY_NOT_ATTACHABLE', at, `AWS does not let you attach ${arn}: ${why}.`, { suggestion: policy.replacedBy })
    return
  }
  if (boundary) return
  const { all, allBut } = fullAccessGrants(policy)
  if (all.length + allBut.length === 0) return
  const what = (actions: string[]) => (actions.includes('*') ? 'every action of every AWS service' : actions.join(', '))
  const scopes = [...(all.length > 0 ? [`${what(all)} on every resource`] : []), ...(allBut.length > 0 ? [`${what(allBut)} on every resource but the few its NotResource lists`] : [])]
  ctx.report(
    'FULL_ACCESS_MANAGED_POLICY',
    at,
    `The AWS managed policy ${policy.policyName} allows ${scopes.join(', and ')}. Attach a customer managed policy that allows only the actions this principal needs, on the resources it uses (for example one bucket, one log group).`
  )
}

/**
 * The whole-service (`s3:*`) or all-action (`*`) grants a managed policy makes without
 * conditions: on `*` (`all`), or on everything but a NotResource list (`allBut`).
 */
export function fullAccessGrants(policy: LintManagedPolicy): { all: string[]; allBut: string[] } {
  const doc = policy.document as { Statement?: unknown }
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement !== undefined ? [doc.Statement] : []
  const all = new Set<string>()
  const allBut = new Set<string>()
  for (const s of statements as Record<string, unknown>[]) {
    if (s?.Effect !== 'Allow' || s.Condition !== undefined) continue
    const into = list(s.Resource).includes('*') ? all : s.NotResource !== undefined ? allBut : undefined
    if (into === undefined) continue
    for (const a of list(s.Action)) if (a === '*' || a.endsWith(':*')) into.add(a)
  }
  return { all: [...all], allBut: [...allBut].filter((a) => !all.has(a)) }
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
