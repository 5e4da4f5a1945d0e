/**
 * Public types of the evaluation engine. The engine consumes the shared policy model
 * (src/policy/model.ts) only, never raw JSON.
 */
import type { Policy, SourceRange } from '../policy/model.js'

export type PrincipalType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Anonymous' | 'Service'

export interface RequestPrincipal {
  /** arn:aws:iam::123456789012:root | ...:user/path/name | arn:aws:sts::123456789012:assumed-role/RoleName/session | ...:federated-user/name */
  arn: string
  accountId: string
  type: PrincipalType
  /** aws:userid, e.g. AIDA..., AROA...:session */
  userId?: string
  /** aws:username (users only) */
  username?: string
  /** AssumedRole: the role's IAM ARN with path */
  roleArn?: string
  /** Service principals, e.g. sagemaker.amazonaws.com (trust policies) */
  serviceName?: string
  /** AssumeRoleWithWebIdentity / SAML: provider ARN or name (trust policies) */
  federatedProvider?: string
  /** Principal tags (aws:PrincipalTag/*); session tags for sessions */
  tags?: Record<string, string>
}

export type ContextValue = string | string[]

export interface AuthorizationRequest {
  principal: RequestPrincipal
  /** e.g. `iam:CreateRole` */
  action: string
  /** ARN or `*` */
  resource: string
  /** Account owning the resource; default: the ARN's account field, else the principal's account. */
  resourceAccount?: string
  /** Request context keys (names are case-insensitive). */
  context?: Record<string, ContextValue>
}

export type PolicyType = 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp' | 'trust'

export interface PolicyInput {
  id: string
  type: PolicyType
  policy: Policy
}

export interface PolicySet {
  /** User inline + attached + every group's; or the role's. */
  identity: PolicyInput[]
  /** Resource-based policies of the target; for sts:AssumeRole* the role's trust policy (type 'trust'). */
  resource?: PolicyInput[]
  /** Permissions boundary (0 or 1 in AWS). */
  boundary?: PolicyInput[]
  /** Session policies (inline Policy + PolicyArns of AssumeRole / GetFederationToken). */
  session?: PolicyInput[]
  /** One array per level (root, each OU, account); every level must allow. */
  scp?: PolicyInput[][]
  /** One array per level; every level must allow. */
  rcp?: PolicyInput[][]
}

export type Decision = 'Allow' | 'ImplicitDeny' | 'ExplicitDeny'

export interface MatchedStatement {
  policyId: string
  policyType: PolicyType
  statementIndex: number
  sid?: string
  effect: 'Allow' | 'Deny'
  range?: SourceRange
}

export type DenialReason =
  | 'explicit-deny'
  | 'no-identity-allow'
  | 'no-resource-allow'
  | 'boundary'
  | 'session'
  | 'scp'
  | 'rcp'
  | 'trust'
  | 'cross-account'

export interface DecisionDetails {
  identity: Decision
  resource?: Decision
  boundary?: Decision
  session?: Decision
  scp?: Decision
  rcp?: Decision
}

export interface EvaluationResult {
  decision: Decision
  /** Statements that matched (allows and denies), in evaluation order; empty when explain is false. */
  matched: MatchedStatement[]
  /** Why, when not Allow. */
  denial?: { reason: DenialReason; policyType?: PolicyType; policyId?: string }
  /** Condition keys referenced by evaluated statements but absent from the context (explain mode only). */
  missingContextKeys: string[]
  details: DecisionDetails
}

export interface EvaluateOptions {
  /** The time for aws:CurrentTime / aws:EpochTime; default: now. */
  now?: Date
  /** false = fast path: decision and denial only, no matched[] or missingContextKeys. Default true. */
  explain?: boolean
  /**
   * false = only `request.context` supplies keys: nothing is derived from the principal or
   * the clock (IAM's policy simulator, where every key comes from ContextEntries). Default true.
   */
  deriveContext?: boolean
}

export interface CompiledPolicySet {
  evaluate(request: AuthorizationRequest, options?: EvaluateOptions): EvaluationResult
}
