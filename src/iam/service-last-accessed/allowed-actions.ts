/**
 * Which services and actions a set of permissions policies grants, as service last accessed
 * reports and ListPoliciesGrantingServiceAccess count them: "it only applies permissions
 * policy logic", so only the Allow statements of identity policies (no boundaries, resource
 * policies or Deny), with Action patterns matched as IAM matches them (case-insensitive
 * wildcards); a NotAction statement grants every service it does not exclude whole (`svc:*`).
 */
import { globMatch } from '../../eval/index.js'
import type { Policy } from '../../policy/index.js'

interface Grant {
  actions: string[] | undefined
  notActions: string[] | undefined
}

const lower = (s: string): string => s.toLowerCase()

/** The service part of an action pattern (`s3` of `s3:Get*`; `*` for `*`). */
function servicePattern(action: string): string {
  const colon = action.indexOf(':')
  return colon < 0 ? action : action.slice(0, colon)
}

export class AllowedActions {
  private readonly grants: Grant[] = []

  constructor(policies: readonly Policy[]) {
    for (const p of policies) {
      for (const st of p.statements) {
        if (st.effect === 'Allow') this.grants.push({ actions: st.action?.map(lower), notActions: st.notAction?.map(lower) })
      }
    }
  }

  /** True when some Allow statement grants at least one action of the service `namespace` (lower case). */
  allowsService(namespace: string): boolean {
    return this.grants.some((g) => g.actions !== undefined
      ? g.actions.some((a) => globMatch(servicePattern(a), namespace))
      : !(g.notActions ?? []).some((a) => a === '*' || a === `${namespace}:*`))
  }

  /** True when some Allow statement grants `namespace:action`. */
  allowsAction(namespace: string, action: string): boolean {
    const full = `${namespace}:${action}`.toLowerCase()
    return this.grants.some((g) => g.actions !== undefined
      ? g.actions.some((a) => globMatch(a, full))
      : !(g.notActions ?? []).some((a) => globMatch(a, full)))
  }
}
