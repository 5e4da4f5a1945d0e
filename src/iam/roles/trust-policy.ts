/**
 * Trust policy (AssumeRolePolicyDocument) checks for CreateRole and UpdateAssumeRolePolicy:
 * the trust grammar and size quota, then that every IAM user or role of this account the
 * document names exists. IAM resolves such principals to unique ids when it stores the
 * policy, so it refuses ones that do not exist
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).
 */
import type { OperationContext } from '../../server/operation.js'
import type { Policy } from '../../policy/index.js'
import { iamError } from '../shared/errors.js'
import { checkPolicyDocument } from '../shared/policy-document.js'

// arn:aws:iam::<account>:user|role<path><name>; paths are `/` or `/a/b/`.
const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(user|role)(\/(?:[^*?]*\/)?)([^/*?]+)$/

/** AWS's message for a principal IAM cannot resolve. */
export function invalidPrincipalMessage(value: string): string {
  return `Invalid principal in policy: "AWS":"${value}"`
}

/** AWS's message for a `Federated` principal that is neither a domain name nor an identity provider of the account. */
export const INVALID_FEDERATED_MESSAGE = 'Federated principals must be valid domain names or SAML metadata ARNs'

// A built-in web identity provider's domain (accounts.google.com, cognito-identity.amazonaws.com, ...).
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/
const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):(oidc-provider|saml-provider)\/(.+)$/

/** Validates a trust policy and returns the text to store; throws MalformedPolicyDocument or LimitExceeded. */
export async function requireTrustPolicy(ctx: OperationContext, raw: string): Promise<string> {
  const check = checkPolicyDocument(raw, { kind: 'trust', sizeLimit: 'trust' })
  if (!check.ok) throw check.error
  const missing = await firstMissingPrincipal(ctx, check.policy)
  if (missing !== undefined) throw iamError('MalformedPolicyDocument', invalidPrincipalMessage(missing))
  if (!(await federatedPrincipalsValid(ctx, check.policy))) throw iamError('MalformedPolicyDocument', INVALID_FEDERATED_MESSAGE)
  return check.text
}

/**
 * True when every `Federated` principal is a domain name (a built-in provider) or names an
 * OpenID Connect or SAML provider that exists in this account: IAM resolves them when it
 * stores the policy, as it does users and roles.
 */
export async function federatedPrincipalsValid(ctx: OperationContext, policy: Policy): Promise<boolean> {
  for (const statement of policy.statements) {
    for (const spec of [statement.principal, statement.notPrincipal]) {
      for (const value of spec?.federated ?? []) {
        const m = PROVIDER_ARN.exec(value)
        if (!m) {
          if (!DOMAIN.test(value)) return false
          continue
        }
        const [, account, kind, name] = m as unknown as [string, string, string, string]
        if (account !== ctx.accountId) return false
        const provider = kind === 'oidc-provider' ? await ctx.store.getOidcProvider(name) : await ctx.store.getSamlProvider(name)
        if (provider === undefined) return false
      }
    }
  }
  return true
}

/** The first `AWS` principal naming a user or role of this account that does not exist. */
export async function firstMissingPrincipal(ctx: OperationContext, policy: Policy): Promise<string | undefined> {
  for (const statement of policy.statements) {
    for (const spec of [statement.principal, statement.notPrincipal]) {
      for (const value of spec?.aws ?? []) {
        const m = IAM_PRINCIPAL_ARN.exec(value)
        if (!m || m[1] !== ctx.accountId) continue
        const [, , type, path, name] = m as unknown as [string, string, 'user' | 'role', string, string]
        const entity = type === 'user' ? await ctx.store.getUser(name) : await ctx.store.getRole(name)
        if (entity === undefined || entity.path !== path) return value
      }
    }
  }
  return undefined
}
