/**
 * The contract between the request pipeline (src/server) and the IAM and STS actions
 * (src/iam, src/sts). An action is an `OperationSpec`: its name, the IAM action and
 * resource ARN it is authorized against, and a handler that turns the decoded input into
 * the output shape of the botocore model. The pipeline does everything else: SigV4,
 * credential resolution, decoding and validation, authorization, rendering, errors.
 */
import type { KeyMaterial } from '../auth/key-material.js'
import type { ContextValue, PolicyInput, RequestPrincipal } from '../eval/index.js'
import type { SessionClaims } from '../sts/session-token.js'
import type { Store } from '../store/index.js'
import type { PolicySetCache } from './policy-sets.js'

/** Who made the request, resolved from the SigV4 access key (and session token). */
export interface Caller {
  /**
   * root: the account's root keys; user: an IAM user's keys; assumed-role / federated-user /
   * session-user: temporary credentials; anonymous: an unsigned request to an operation that
   * allows one (AssumeRoleWithWebIdentity, AssumeRoleWithSAML); delegated: GetDelegatedAccessToken
   * credentials of a user or root approver (a role approver's are an assumed-role session).
   */
  kind: 'root' | 'user' | 'assumed-role' | 'federated-user' | 'session-user' | 'delegated' | 'anonymous'
  accountId: string
  /** The ARN GetCallerIdentity returns (arn:aws:iam::<acct>:root, ...:user/path/name, arn:aws:sts::<acct>:assumed-role/Role/session). */
  arn: string
  /** The UserId GetCallerIdentity returns (account id for root, AIDA... for users, AROA...:session for roles). */
  userId: string
  /** IAM user name, for user and session-user callers. */
  userName?: string
  /** The access key the request was signed with (AKIA... or ASIA...). */
  accessKeyId: string
  /** The decoded session token, for temporary credentials. */
  session?: SessionClaims
  /** The principal as the policy engine sees it. */
  principal: RequestPrincipal
}

/** Everything a handler may use; one per request. */
export interface OperationContext {
  requestId: string
  accountId: string
  caller: Caller
  store: Store
  keys: KeyMaterial
  now: Date
  /** Region from the SigV4 credential scope (IAM is global; STS answers in it). */
  region: string
  sourceIp: string
  secureTransport: boolean
  /** The URL clients reach this server at (`WARDEN_PUBLIC_URL`, else its listen address): the base of the outbound federation issuer. */
  baseUrl: string
  /** The compiled policies of stored users, roles and groups: the same cached sets enforcement uses. */
  policySets: PolicySetCache
  /**
   * Authorizes one more action for this caller (beyond the operation's own), e.g.
   * iam:PassRole inside a handler; throws the AccessDenied AwsError when denied.
   * `resourcePolicies` (e.g. a role's trust policy for sts:AssumeRole) are evaluated
   * together with the caller's own policies.
   */
  authorize(action: string, resource: string, context?: Record<string, ContextValue>, resourcePolicies?: PolicyInput[]): Promise<void>
  /**
   * Authorizes an action for a principal other than the caller, by resource policies alone:
   * a web identity or SAML user assuming a role through its trust policy. Throws the
   * AccessDenied AwsError when denied.
   */
  authorizeAs(principal: RequestPrincipal, action: string, resource: string, context: Record<string, ContextValue>, resourcePolicies: PolicyInput[]): Promise<void>
}

/** Decoded input of an operation: the botocore input shape's members by their model names (PascalCase). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are shaped by the model, validated before the handler runs
export type OperationInput = Record<string, any>
/** Output of an operation: the botocore output shape's members by their model names; Date for timestamps. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are shaped by the model
export type OperationOutput = Record<string, any> | undefined

export interface OperationSpec<I extends OperationInput = OperationInput, O extends OperationOutput = OperationOutput> {
  service: 'iam' | 'sts'
  /** The API operation name, e.g. `CreateRole`. */
  name: string
  /** The IAM action authorized before the handler runs; defaults to `<service>:<name>`. */
  action?: string
  /** The resource ARN the action is authorized on; defaults to `*`. May read the store (e.g. a role's path). */
  resource?: (input: I, ctx: OperationContext) => string | Promise<string>
  /** Request condition keys the operation adds (aws:RequestTag/*, aws:TagKeys, iam:PolicyARN, iam:PermissionsBoundary, ...). */
  conditionContext?: (input: I, ctx: OperationContext) => Record<string, ContextValue> | Promise<Record<string, ContextValue>>
  /**
   * The operation creates the resource it is authorized on (CreateRole, CreateUser, ...): it
   * has no tags before the call, so no aws:ResourceTag keys are looked up (AWS documents
   * only aws:RequestTag, aws:TagKeys and the like for these actions).
   */
  createsResource?: boolean
  /** Only for operations AWS never authorizes (sts:GetCallerIdentity). */
  skipAuthorization?: boolean
  /**
   * AWS serves this operation without SigV4 (AssumeRoleWithWebIdentity, AssumeRoleWithSAML:
   * the token or assertion in the request is the credential). An unsigned request reaches
   * the handler with an `anonymous` caller; a signed one is verified as usual. Such an
   * operation must also set `skipAuthorization` and decide in its handler.
   */
  allowUnsigned?: boolean
  /** Does the work; throws AwsError (src/protocol) or StoreError (mapped by the pipeline) on failure. */
  handler: (input: I, ctx: OperationContext) => Promise<O>
}

/** Declares an operation (an identity function that keeps the input/output types). */
export function defineOperation<I extends OperationInput, O extends OperationOutput>(spec: OperationSpec<I, O>): OperationSpec<I, O> {
  return spec
}
