/**
 * Every issue code the linter reports, with its finding type, a one-line title and the page
 * that explains it. Codes from IAM Access Analyzer's policy check reference keep AWS's name
 * and link to AWS's section for them; codes Access Analyzer has no check for are Warden's
 * and link to the AWS documentation of the rule they enforce.
 */
import type { FindingType } from './types.js'

const AA = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html'
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide'
const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'

/** Where Access Analyzer documents a check (its anchors are `<section>-<code in kebab case>`). */
type AaSection = 'error' | 'security-warning' | 'general-warning' | 'suggestion'

export interface LintRule {
  readonly code: string
  readonly findingType: FindingType
  readonly title: string
  readonly learnMoreLink: string
  /** True when the code is Access Analyzer's own. */
  readonly accessAnalyzer: boolean
}

function aa(code: string, findingType: FindingType, title: string, section: AaSection): LintRule {
  const anchor = `access-analyzer-reference-policy-checks-${section}-${code.toLowerCase().replace(/_/g, '-')}`
  return { code, findingType, title, learnMoreLink: `${AA}#${anchor}`, accessAnalyzer: true }
}

function warden(code: string, findingType: FindingType, title: string, learnMoreLink: string): LintRule {
  return { code, findingType, title, learnMoreLink, accessAnalyzer: false }
}

const RULE_LIST: readonly LintRule[] = [
  // What IAM itself rejects (the validator's problems), then Access Analyzer's other errors.
  aa('JSON_SYNTAX_ERROR', 'ERROR', 'Json syntax error', 'error'),
  aa('DATA_TYPE_MISMATCH', 'ERROR', 'Data type mismatch', 'error'),
  aa('INVALID_POLICY_ELEMENT', 'ERROR', 'Invalid policy element', 'error'),
  aa('INVALID_VERSION', 'ERROR', 'Invalid version', 'error'),
  aa('MISSING_STATEMENT', 'ERROR', 'Missing statement', 'error'),
  aa('UNIQUE_SIDS_REQUIRED', 'ERROR', 'Unique Sids required', 'error'),
  aa('UNSUPPORTED_SID', 'ERROR', 'Unsupported Sid', 'error'),
  aa('MISSING_EFFECT', 'ERROR', 'Missing effect', 'error'),
  aa('INVALID_EFFECT', 'ERROR', 'Invalid effect', 'error'),
  aa('MISSING_ACTION', 'ERROR', 'Missing action', 'error'),
  aa('MISSING_RESOURCE', 'ERROR', 'Missing resource', 'error'),
  aa('MISSING_PRINCIPAL', 'ERROR', 'Missing principal', 'error'),
  aa('UNSUPPORTED_PRINCIPAL', 'ERROR', 'Unsupported principal', 'error'),
  aa('UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', 'Unsupported element combination', 'error'),
  aa('UNSUPPORTED_ACTION_IN_POLICY', 'ERROR', 'Unsupported action in policy', 'error'),
  aa('INVALID_ACTION', 'ERROR', 'Invalid action', 'error'),
  aa('INVALID_SERVICE_IN_ACTION', 'ERROR', 'Invalid service in action', 'error'),
  aa('INVALID_ARN_PREFIX', 'ERROR', 'Invalid ARN prefix', 'error'),
  aa('INVALID_PARTITION', 'ERROR', 'Invalid partition', 'error'),
  aa('MISSING_ARN_FIELD', 'ERROR', 'Missing ARN field', 'error'),
  aa('ARN_REGION_NOT_ALLOWED', 'ERROR', 'ARN Region not allowed', 'error'),
  aa('INVALID_ARN_RESOURCE', 'ERROR', 'Invalid ARN resource', 'error'),
  aa('INVALID_ARN_ACCOUNT', 'ERROR', 'Invalid ARN account', 'error'),
  aa('INVALID_ARN_REGION', 'ERROR', 'Invalid ARN Region', 'error'),
  aa('INVALID_PRINCIPAL_FORMAT', 'ERROR', 'Invalid principal format', 'error'),
  aa('INVALID_PRINCIPAL_KEY', 'ERROR', 'Invalid principal key', 'error'),
  aa('INVALID_CONDITION_OPERATOR', 'ERROR', 'Invalid condition operator', 'error'),
  aa('INVALID_CONDITION_KEY_FORMAT', 'ERROR', 'Invalid condition key format', 'error'),
  aa('INVALID_SERVICE', 'ERROR', 'Invalid service', 'error'),
  aa('INVALID_GLOBAL_CONDITION_KEY', 'ERROR', 'Invalid global condition key', 'error'),
  aa('INVALID_SERVICE_CONDITION_KEY', 'ERROR', 'Invalid service condition key', 'error'),
  aa('VARIABLE_UNSUPPORTED_IN_VERSION', 'ERROR', 'Variable unsupported in version', 'error'),
  // IAM rejects these (Access Analyzer files them as general warnings).
  aa('TYPE_MISMATCH_DATE', 'ERROR', 'Type mismatch date', 'general-warning'),
  aa('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', 'ERROR', 'Policy size exceeds identity policy quota', 'general-warning'),
  aa('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', 'ERROR', 'Policy size exceeds resource policy quota', 'general-warning'),
  aa('POLICY_SIZE_EXCEEDS_SCP_QUOTA', 'ERROR', 'Policy size exceeds SCP quota', 'error'),
  warden('MANAGED_POLICY_NOT_ATTACHABLE', 'ERROR', 'AWS managed policy cannot be attached', `${IAM}/access_policies_managed-deprecated.html`),
  warden('UNKNOWN_MANAGED_POLICY', 'ERROR', 'Unknown AWS managed policy', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html'),

  aa('PASS_ROLE_WITH_STAR_IN_RESOURCE', 'SECURITY_WARNING', 'Pass role with star in resource', 'security-warning'),
  aa('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'SECURITY_WARNING', 'Pass role with star in action and resource', 'security-warning'),
  aa('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', 'SECURITY_WARNING', 'Pass role with star in resource and NotAction', 'security-warning'),
  aa('PASS_ROLE_WITH_NOT_RESOURCE', 'SECURITY_WARNING', 'Pass role with NotResource', 'security-warning'),
  aa('PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', 'SECURITY_WARNING', 'Pass role with star in action and NotResource', 'security-warning'),
  aa('PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', 'SECURITY_WARNING', 'Pass role with NotAction and NotResource', 'security-warning'),
  aa('ALLOW_WITH_NOT_PRINCIPAL', 'SECURITY_WARNING', 'Allow with NotPrincipal', 'security-warning'),
  aa('FORALLVALUES_WITH_SINGLE_VALUED_KEY', 'SECURITY_WARNING', 'ForAllValues with single valued key', 'security-warning'),
  warden('STAR_IN_ACTION_AND_RESOURCE', 'SECURITY_WARNING', 'Wildcard action on all resources', `${IAM}/best-practices.html#grant-least-privilege`),
  warden('ALLOW_WITH_NOT_ACTION', 'SECURITY_WARNING', 'Allow with NotAction', `${IAM}/reference_policies_elements_notaction.html`),
  warden('ANY_PRINCIPAL_WITHOUT_CONDITION', 'SECURITY_WARNING', 'Any principal without a condition', `${IAM}/reference_policies_elements_principal.html#principal-anonymous`),
  warden('FULL_ACCESS_MANAGED_POLICY', 'SECURITY_WARNING', 'Full-access AWS managed policy attached', `${IAM}/best-practices.html#bp-use-aws-defined-policies`),

  aa('MISSING_VERSION', 'WARNING', 'Missing version', 'general-warning'),
  aa('WILDCARD_WITHOUT_LIKE_OPERATOR', 'WARNING', 'Wildcard without like operator', 'general-warning'),
  warden('RESOURCE_TYPE_MISMATCH', 'WARNING', "Resource fits none of the action's resource types", SAR),
  warden('SCOPABLE_ACTION_ON_ALL_RESOURCES', 'WARNING', 'Resource-level action granted on all resources', `${IAM}/best-practices.html#grant-least-privilege`),
  warden('UNSUPPORTED_CONDITION_KEY_FOR_ACTION', 'WARNING', 'Condition key the action does not support', SAR),
  warden('FORANYVALUE_WITH_SINGLE_VALUED_KEY', 'WARNING', 'ForAnyValue with single valued key', `${IAM}/reference_policies_condition-single-vs-multi-valued-context-keys.html`),
  warden('PASS_ROLE_WITHOUT_PASSED_TO_SERVICE', 'WARNING', 'Pass role without iam:PassedToService', `${IAM}/id_roles_use_passrole.html`),
  warden('DUPLICATE_KEY', 'WARNING', 'Duplicate JSON key', `${IAM}/reference_policies_grammar.html`),
  warden('UNRESOLVED_CLOUDFORMATION_VALUE', 'WARNING', 'CloudFormation function not resolved', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html'),

  aa('EMPTY_SID_VALUE', 'SUGGESTION', 'Empty Sid value', 'suggestion'),
  aa('NULL_WITH_QUALIFIER', 'SUGGESTION', 'Null with qualifier', 'suggestion'),
  aa('WILDCARD_IN_SERVICE_NAME', 'SUGGESTION', 'Wildcard in service name', 'suggestion'),
  aa('REDUNDANT_ACTION', 'SUGGESTION', 'Redundant action', 'suggestion'),
  aa('REDUNDANT_RESOURCE', 'SUGGESTION', 'Redundant resource', 'suggestion'),
  aa('REDUNDANT_STATEMENT', 'SUGGESTION', 'Redundant statement', 'suggestion')
]

/** Every rule by issue code. */
export const RULES: ReadonlyMap<string, LintRule> = new Map(RULE_LIST.map((r) => [r.code, r]))

/** Every rule, in the order above (most severe first); SARIF lists them as the tool's rules. */
export function listRules(): readonly LintRule[] {
  return RULE_LIST
}

/** The rule for an issue code; throws for a code that is not in the table (a bug in a check). */
export function ruleFor(code: string): LintRule {
  const rule = RULES.get(code)
  if (rule === undefined) throw new Error(`lint: unknown issue code ${code}`)
  return rule
}
