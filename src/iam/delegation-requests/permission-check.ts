/**
 * GetDelegationRequest's DelegationPermissionCheck: whether the caller's own policies cover
 * what the request asks for, decided by the engine for every action and resource the
 * request's Allow statements name. As AWS says of its answer, it is approximate: statements
 * with conditions, NotAction or NotResource, or actions with wildcards, make it UNSURE.
 */
import type { OperationContext } from '../../server/operation.js'
import { policyStatements, stringList as list } from './policy-statements.js'

type Check = 'ALLOWED' | 'DENIED' | 'UNSURE'

/** ALLOWED when every named action is allowed on every named resource, DENIED when one is not, else UNSURE. */
export async function permissionCheck(ctx: OperationContext, policyText: string): Promise<Check> {
  const statements = policyStatements(policyText)
  let unsure = false
  for (const st of statements) {
    if (st.Effect !== 'Allow') continue
    if (st.Condition !== undefined || st.NotAction !== undefined || st.NotResource !== undefined) {
      unsure = true
      continue
    }
    for (const action of list(st.Action)) {
      if (action.includes('*') || action.includes('?')) {
        unsure = true
        continue
      }
      for (const resource of list(st.Resource)) {
        try {
          await ctx.authorize(action, resource)
        } catch {
          return 'DENIED'
        }
      }
    }
  }
  return unsure ? 'UNSURE' : 'ALLOWED'
}
