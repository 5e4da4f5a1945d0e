/**
 * Public shapes of the policy linter: findings in IAM Access Analyzer's form (type, issue
 * code, details, learn-more link, location) and the catalogue interfaces the checks read.
 * The linter is pure: the caller injects the service catalogue and the AWS managed policy
 * snapshot (src/catalog/lint-catalog.ts binds the real ones), so it runs in the browser too.
 */
import type { PolicyKind, SourceRange } from '../model.js'

/** Access Analyzer's finding types, most severe first. */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION'

/** Finding types from most to least severe (thresholds compare positions in this list). */
export const FINDING_TYPES: readonly FindingType[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']

/** One problem or recommendation, located in the linted text. */
export interface LintFinding {
  findingType: FindingType
  /** A stable identifier: Access Analyzer's issue code where AWS has one (`INVALID_ACTION`). */
  issueCode: string
  /** What is wrong and what to do about it. */
  message: string
  learnMoreLink: string
  /** JSON path of the element, e.g. `$.Statement[1].Action[0]` (prefixed for embedded documents). */
  path: string
  /** Where the element is in the text (line and column are 1-based); undefined without text. */
  range: SourceRange | undefined
  /** The statement the finding is about (0-based), when there is one. */
  statementIndex?: number
  sid?: string
  /** What the author probably meant: a real action, service prefix or managed policy. */
  suggestion?: string
  /** For files that hold several documents: which one (`Resources.TrainingRole.Properties.Policies[0].PolicyDocument`). */
  document?: string
}

/** A resource type an action acts on, as the Service Authorization Reference lists it. */
export interface LintResourceType {
  readonly name: string
  /** `arn:${Partition}:s3:::${BucketName}/${ObjectName}`-style template; undefined when AWS gives none. */
  readonly arnFormat: string | undefined
  readonly conditionKeys: readonly string[]
}

/** What the checks need to know about one action. */
export interface LintActionInfo {
  /** `service:Name` in AWS's casing. */
  readonly fullName: string
  /** Empty when the action supports only `"Resource": "*"`. */
  readonly resourceTypes: readonly LintResourceType[]
  /** Action-level condition keys (resource-type keys are in `resourceTypes`). */
  readonly conditionKeys: readonly string[]
}

/**
 * The service authorization data the checks read, synchronously. Lookups are
 * case-insensitive. `ServiceCatalog` from src/catalog satisfies it once the services the
 * document names are loaded (`prepareLintCatalog` does that).
 */
export interface LintCatalog {
  serviceExists(prefix: string): boolean
  /** Real service prefixes a wrong one most likely meant, best first. */
  suggestServices(prefix: string): readonly string[]
  getAction(action: string): LintActionInfo | undefined
  /** Real actions an action pattern (`s3:Get*`) matches. */
  expandAction(pattern: string): readonly string[]
  /** Real actions close to a misspelled one, best first. */
  suggestActions(action: string): readonly { readonly action: string }[]
  /** Every resource type a service defines (empty for unknown services). */
  listResourceTypes(prefix: string): readonly { readonly name: string; readonly arnFormat: string }[]
  /** A condition key's definition; `type` is AWS's (`String`, `ArrayOfString`, `Bool`, ...). */
  getConditionKey(key: string): { readonly key: string; readonly type: string } | undefined
}

/** What the checks need to know about one AWS managed policy. */
export interface LintManagedPolicy {
  readonly policyName: string
  readonly arn: string
  readonly isAttachable: boolean
  readonly deprecated: boolean
  readonly replacedBy: string | undefined
  /** The default version's document as a JSON value. */
  readonly document: unknown
}

/** AWS managed policies by ARN (the snapshot in src/catalog satisfies it). */
export interface LintManagedPolicies {
  get(arn: string): LintManagedPolicy | undefined
}

/** The policy kinds the linter accepts, plus `auto` (decided from the document). */
export type LintKind = PolicyKind | 'auto'

export interface LintOptions {
  /** How to read the document; `auto` (default) picks identity, trust or resource from its content. */
  kind?: LintKind
  catalog: LintCatalog
  /** Needed to check attached AWS managed policies (CloudFormation-shaped inputs). */
  managedPolicies?: LintManagedPolicies
}

/** The result of linting one document or file. */
export interface LintResult {
  /** The kind the policy was checked as (for a policy document; undefined for templates). */
  kind: PolicyKind | undefined
  /** Every finding, in document order. */
  findings: LintFinding[]
}
