/**
 * Who is simulated: the principal whose stored policies SimulatePrincipalPolicy and
 * GetContextKeysForPrincipalPolicy read (PolicySourceArn), and the caller the engine
 * evaluates as (CallerArn, else the PolicySourceArn user).
 */
import type { RequestPrincipal } from '../../eval/index.js'
import type { OperationContext } from '../../server/operation.js'
import type { PrincipalPolicies } from '../../server/policy-sets.js'
import { iamError } from '../shared/errors.js'
import { parseEntityArn, type EntityArn } from './request-checks.js'

/** The stored policies of PolicySourceArn (the cached set enforcement uses); NoSuchEntity when it does not exist. */
export async function loadPolicySource(ctx: OperationContext, arn: string): Promise<PrincipalPolicies> {
  const entity = parseEntityArn(arn)
  const found = entity.accountId === ctx.accountId ? await ctx.policySets.load(entity.type, entity.name) : undefined
  // The ARN must name the entity exactly, path included; a name alone is not enough.
  if (found === undefined || found.principal.arn.toLowerCase() !== arn.toLowerCase()) {
    throw iamError('NoSuchEntity', `The ${entity.type} with name ${entity.name} cannot be found.`)
  }
  return found
}

/** The caller as the engine sees it: a user (CallerArn or the source user), the source role's session, or an anonymous stand-in. */
export async function simulatedPrincipal(
  ctx: OperationContext,
  caller: EntityArn | undefined,
  source: PrincipalPolicies | undefined
): Promise<RequestPrincipal> {
  if (caller !== undefined) {
    const user = caller.accountId === ctx.accountId ? await ctx.store.getUser(caller.name) : undefined
    const principal: RequestPrincipal = { arn: caller.arn, accountId: caller.accountId, type: 'User', username: caller.name }
    if (user !== undefined && user.arn.toLowerCase() === caller.arn.toLowerCase()) principal.userId = user.id
    return principal
  }
  const p = source?.principal
  if (p?.type === 'user') return { arn: p.arn, accountId: ctx.accountId, type: 'User', username: p.name, userId: p.id }
  if (p?.type === 'role') {
    const session = 'SimulatePrincipalPolicy'
    return {
      arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${p.name}/${session}`,
      accountId: ctx.accountId,
      type: 'AssumedRole',
      roleArn: p.arn,
      userId: `${p.id}:${session}`
    }
  }
  // A group's or custom policies without CallerArn: only identity policies apply, so any IAM user of the account stands in.
  return { arn: `arn:aws:iam::${ctx.accountId}:user/SimulatedCaller`, accountId: ctx.accountId, type: 'User' }
}
