/**
 * IAM's MalformedPolicyDocument messages, worded exactly as AWS returns them (including
 * AWS's own punctuation, which is not consistent), and the order in which IAM checks them.
 * IAM reports only the first failing check, so each problem carries a stage: the problem
 * with the lowest stage (then the earliest in the document) supplies the error message.
 */

export const MSG = {
  syntax: 'Syntax errors in policy.',
  /** CreateRole / UpdateAssumeRolePolicy with a trust policy that is not JSON at all. */
  trustInvalidJson: 'This policy contains invalid Json',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacy: 'The policy failed legacy parsing',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidAlphanumeric: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  actions: 'Policy statement must contain actions.',
  resources: 'Policy statement must contain resources.',
  principalNotAllowed: 'Policy document should not specify a principal.',
  actionVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionColon: 'Actions/Condition can contain only one colon.',
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  trustActions: 'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  trustNoPrincipal: 'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  missingPrincipal: 'Missing required field Principal',
  managedSize: 'Cannot exceed quota for PolicySize: 6144',
  trustSize: 'Cannot exceed quota for ACLSizePerRole: 2048'
} as const

export const msgUnknownField = (field: string): string => `Unknown field ${field}`
export const msgProhibitedField = (field: string): string => `Has prohibited field ${field}`
export const msgVendorInvalid = (vendor: string): string => `Vendor ${vendor} is not valid`
export const msgResourceFormat = (resource: string): string => `Resource ${resource} must be in ARN format or "*".`
export const msgIamRegion = (resource: string): string => `IAM resource ${resource} cannot contain region information.`
export const IAM_RESOURCE_PATH_PREFIXES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/'
] as const
export const msgIamResourcePath = (): string =>
  `IAM resource path must either be "*" or start with ${IAM_RESOURCE_PATH_PREFIXES.join(', ')}.`
export const msgPartition = (partition: string, arn: string): string => `Partition "${partition}" is not valid for resource "${arn}".`
export const msgInvalidPrincipal = (type: string, value: string): string => `Invalid principal in policy: "${type}":"${value}"`

/** IAM's check order (reverse-engineered from IAM's answers; see moto's policy validator). */
export const STAGE = {
  size: 0,
  syntax: 1,
  version: 2,
  legacy: 3,
  sid: 4,
  actions: 5,
  resourceFormat: 6,
  actionFormat: 7,
  principal: 8,
  kindRules: 9
} as const

export type Stage = (typeof STAGE)[keyof typeof STAGE]

export const CODE_MALFORMED = 'MalformedPolicyDocument'
export const CODE_LIMIT = 'LimitExceeded'
export const CODE_VALIDATION = 'ValidationError'
