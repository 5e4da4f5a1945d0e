/**
 * The typed model of an IAM policy document, shared by the parser (src/policy) and the
 * evaluation engine (src/eval). String-or-array fields are normalised to arrays; the
 * original document text positions are kept so explanations and the simulator can point
 * into the document.
 */

/** Which kind of document is being parsed or evaluated; it decides the validation rules. */
export type PolicyKind =
  | 'identity' // managed or inline policy attached to a user, group or role
  | 'resource' // resource-based policy (bucket policy, key policy, ...)
  | 'trust' // a role's assume-role policy document
  | 'boundary' // permissions boundary (identity-policy grammar)
  | 'session' // session policy passed to AssumeRole / GetFederationToken
  | 'scp' // service control policy (AWS Organizations)
  | 'rcp' // resource control policy (AWS Organizations)

/** Which size limit applies; AWS counts characters, some limits without whitespace. */
export type PolicySizeLimit =
  | 'managed' // 6,144 characters, whitespace not counted
  | 'role-inline' // 10,240 characters, whitespace not counted
  | 'user-inline' // 2,048 characters, whitespace not counted
  | 'group-inline' // 5,120 characters, whitespace not counted
  | 'trust' // 2,048 characters, whitespace not counted (default quota)
  | 'session' // 2,048 characters (packed size is checked by STS separately)
  | 'scp' // 5,120 characters
  | 'none'

export type Effect = 'Allow' | 'Deny'

/** A position in the original document text; line and column are 1-based, offset 0-based. */
export interface SourcePosition {
  line: number
  column: number
  offset: number
}

export interface SourceRange {
  start: SourcePosition
  end: SourcePosition
}

/**
 * A Principal / NotPrincipal element. `"*"` becomes `{ wildcard: true }`; the object form
 * keeps each principal type (AWS, Service, Federated, CanonicalUser) with its values as
 * an array, in document order.
 */
export interface PrincipalSpec {
  wildcard: boolean
  aws: string[]
  service: string[]
  federated: string[]
  canonicalUser: string[]
}

/**
 * One condition: a single (operator, key) pair with its values. A Condition block with
 * several operators or several keys becomes several clauses (they are ANDed); the values
 * of one clause are ORed (or handled per set operator).
 */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string
  /** The base operator without qualifier or IfExists, e.g. `StringLike`. */
  baseOperator: string
  setQualifier: 'ForAllValues' | 'ForAnyValue' | undefined
  ifExists: boolean
  /** The condition key as written (keys are matched case-insensitively). */
  key: string
  /** Values normalised to strings: booleans as `true`/`false`, numbers as written. */
  values: string[]
}

export interface Statement {
  /** 0-based position of the statement in the Statement array (0 when it was an object). */
  index: number
  sid: string | undefined
  effect: Effect
  action: string[] | undefined
  notAction: string[] | undefined
  resource: string[] | undefined
  notResource: string[] | undefined
  principal: PrincipalSpec | undefined
  notPrincipal: PrincipalSpec | undefined
  conditions: ConditionClause[]
  /** Where the statement object sits in the original text (absent for built models). */
  range: SourceRange | undefined
}

export interface Policy {
  version: string | undefined
  id: string | undefined
  statements: Statement[]
  /** Where the `Statement` value (an object or an array) sits in the original text (absent for built models). */
  statementsRange?: SourceRange
}

/** One validation problem: where it is (a JSON path such as `$.Statement[1].Effect`) and what it is. */
export interface PolicyProblem {
  path: string
  message: string
  /** Text position of the offending node, when known. */
  range: SourceRange | undefined
  /**
   * The AWS error code this problem maps to when it is the first one: `MalformedPolicyDocument`
   * (the default when absent), `LimitExceeded` or `ValidationError` for size limits.
   */
  code?: string
  /** What exactly is wrong, for people: AWS's own messages (e.g. `Syntax errors in policy.`) rarely say. */
  detail?: string
  /** The IAM Access Analyzer issue code for this kind of problem (the linter reports it). */
  issue?: PolicyIssue
}

/**
 * IAM Access Analyzer's issue codes for the problems IAM itself rejects (policy check
 * reference, "Error" section); the validator tags each problem with one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
export type PolicyIssue =
  | 'JSON_SYNTAX_ERROR'
  | 'DATA_TYPE_MISMATCH'
  | 'INVALID_POLICY_ELEMENT'
  | 'INVALID_VERSION'
  | 'MISSING_STATEMENT'
  | 'UNIQUE_SIDS_REQUIRED'
  | 'UNSUPPORTED_SID'
  | 'MISSING_EFFECT'
  | 'INVALID_EFFECT'
  | 'MISSING_ACTION'
  | 'MISSING_RESOURCE'
  | 'MISSING_PRINCIPAL'
  | 'UNSUPPORTED_PRINCIPAL'
  | 'UNSUPPORTED_ELEMENT_COMBINATION'
  | 'UNSUPPORTED_ACTION_IN_POLICY'
  | 'INVALID_ACTION'
  | 'INVALID_SERVICE_IN_ACTION'
  | 'INVALID_ARN_PREFIX'
  | 'INVALID_PARTITION'
  | 'MISSING_ARN_FIELD'
  | 'ARN_REGION_NOT_ALLOWED'
  | 'INVALID_ARN_RESOURCE'
  | 'INVALID_PRINCIPAL_FORMAT'
  | 'INVALID_PRINCIPAL_KEY'
  | 'INVALID_CONDITION_OPERATOR'
  | 'INVALID_CONDITION_KEY_FORMAT'
  | 'TYPE_MISMATCH_DATE'
  | 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'
  | 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'
  | 'POLICY_SIZE_EXCEEDS_SCP_QUOTA'
