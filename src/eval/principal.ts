/**
 * Principal / NotPrincipal matching for resource-based and trust policies (IAM User Guide,
 * "AWS JSON policy elements: Principal" and "NotPrincipal"). A match says HOW the caller
 * was named, because the same-account rules depend on it ("Policy evaluation logic"):
 * - DIRECT: the caller itself (user ARN, role-session ARN, federated-user ARN, `*`, the
 *   service, the web-identity/SAML provider, or the account for the root user);
 * - ROLE: the role of an assumed-role session (limited by boundary and session policies);
 * - ACCOUNT: the caller's account (delegates to the account's identity-based policies).
 * Principal values are exact: "You cannot use a wildcard to match part of a principal name or ARN".
 */
import type { PrincipalSpec } from '../policy/model.js'
import type { RequestPrincipal } from './types.js'

export const DIRECT = 4
export const ROLE = 8
export const ACCOUNT = 16

/** The identity facts of a caller that principal matching needs, computed once per evaluation. */
export interface CallerIdentity {
  principal: RequestPrincipal
  /** Role ARN of an assumed-role session. */
  roleArn: string | undefined
  /** Unique role id (AROA...) of an assumed-role session, from aws:userid. */
  roleId: string | undefined
}

interface Names {
  wildcard: boolean
  aws: Set<string>
  accounts: Set<string>
  services: Set<string>
  federated: Set<string>
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/

function compileNames(spec: PrincipalSpec): Names {
  const aws = new Set<string>()
  const accounts = new Set<string>()
  let wildcard = spec.wildcard
  for (const v of spec.aws) {
    if (v === '*') wildcard = true
    else if (/^\d{12}$/.test(v)) accounts.add(v)
    else {
      const root = ACCOUNT_ROOT.exec(v)
      if (root) accounts.add(root[1] as string)
      else aws.add(v)
    }
  }
  return {
    wildcard,
    aws,
    accounts,
    // Service principals are DNS names, compared case-insensitively.
    services: new Set(spec.service.map((s) => s.toLowerCase())),
    federated: new Set(spec.federated)
  }
}

/** The ways `names` names the caller, as DIRECT | ROLE | ACCOUNT bits (0 = not named). */
function namedBits(n: Names, c: CallerIdentity): number {
  if (n.wildcard) return DIRECT
  const p = c.principal
  if (p.federatedProvider !== undefined && n.federated.has(p.federatedProvider)) return DIRECT
  switch (p.type) {
    case 'Service':
      return p.serviceName !== undefined && n.services.has(p.serviceName.toLowerCase()) ? DIRECT : 0
    case 'Anonymous':
      return 0
    case 'Account':
      return n.accounts.has(p.accountId) ? DIRECT : 0
    case 'User': {
      let bits = n.aws.has(p.arn) || (p.userId !== undefined && n.aws.has(p.userId)) ? DIRECT : 0
      if (n.accounts.has(p.accountId)) bits |= ACCOUNT
      return bits
    }
    case 'AssumedRole': {
      let bits = n.aws.has(p.arn) ? DIRECT : 0
      if ((c.roleArn !== undefined && n.aws.has(c.roleArn)) || (c.roleId !== undefined && n.aws.has(c.roleId))) bits |= ROLE
      if (n.accounts.has(p.accountId)) bits |= ACCOUNT
      return bits
    }
    case 'FederatedUser': {
      let bits = n.aws.has(p.arn) ? DIRECT : 0
      if (n.accounts.has(p.accountId)) bits |= ACCOUNT
      return bits
    }
  }
}

/** True when every identity in the caller's chain (session, role, account) is named. */
function fullyNamed(bits: number, c: CallerIdentity): boolean {
  switch (c.principal.type) {
    case 'User':
    case 'FederatedUser':
      return (bits & (DIRECT | ACCOUNT)) === (DIRECT | ACCOUNT)
    case 'AssumedRole':
      return (bits & (DIRECT | ROLE | ACCOUNT)) === (DIRECT | ROLE | ACCOUNT)
    default:
      return bits !== 0
  }
}

export type PrincipalMatcher = (c: CallerIdentity) => number

/**
 * Compiles a statement's Principal or NotPrincipal. NotPrincipal with Deny exempts the caller
 * only when its whole chain is named (user + account; session + role + account), which is
 * what the NotPrincipal page's examples require; NotPrincipal with Allow excludes the caller
 * when it is named at any level. With Deny, NotPrincipal also denies every IAM principal
 * that has a permissions boundary, as the boundaries page warns.
 */
export function compilePrincipal(
  principal: PrincipalSpec | undefined,
  notPrincipal: PrincipalSpec | undefined,
  deny: boolean,
  callerHasBoundary: boolean
): PrincipalMatcher {
  if (principal) {
    const n = compileNames(principal)
    return (c) => namedBits(n, c)
  }
  if (notPrincipal) {
    const n = compileNames(notPrincipal)
    if (n.wildcard) return () => 0
    if (deny) {
      return (c) => {
        const t = c.principal.type
        if (callerHasBoundary && (t === 'User' || t === 'AssumedRole')) return DIRECT
        return fullyNamed(namedBits(n, c), c) ? 0 : DIRECT
      }
    }
    return (c) => (namedBits(n, c) === 0 ? DIRECT : 0)
  }
  // No Principal in a resource-based policy: nobody is named.
  return () => 0
}
