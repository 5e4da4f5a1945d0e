/**
 * A blueprint after loading: parameters substituted, references resolved to ARNs, every
 * entity the blueprint declares (and that its `when` keeps) with the exact API values.
 */

/** The tag that marks what a blueprint created (IAM reserves only the `aws:` prefix). */
export const OWNER_TAG = 'warden:blueprint'

/** Groups cannot be tagged in IAM: a blueprint's groups live under this path instead. */
export function groupPathOf(blueprint: string): string {
  return `/warden/${blueprint}/`
}

export type PolicyDocument = Record<string, unknown>

export interface InlinePolicy {
  name: string
  document: PolicyDocument
}

export interface ManagedPolicySpec {
  name: string
  path: string
  arn: string
  description?: string
  document: PolicyDocument
}

export interface RoleSpec {
  name: string
  path: string
  arn: string
  description?: string
  maxSessionDuration?: number
  trust: PolicyDocument
  managedPolicies: string[]
  inlinePolicies: InlinePolicy[]
  permissionsBoundary?: string
}

export interface UserSpec {
  name: string
  path: string
  arn: string
  groups: string[]
  managedPolicies: string[]
  inlinePolicies: InlinePolicy[]
  permissionsBoundary?: string
  accessKey: boolean
}

export interface GroupSpec {
  name: string
  path: string
  managedPolicies: string[]
  inlinePolicies: InlinePolicy[]
}

export interface InstanceProfileSpec {
  name: string
  path: string
  role: string
}

export interface ServiceLinkedRoleSpec {
  service: string
  description?: string
}

export interface ParameterInfo {
  name: string
  type: 'string' | 'boolean' | 'integer'
  description?: string
  default?: string | number | boolean
  value: string | number | boolean
}

/** A loaded blueprint: what should exist in the account. */
export interface Blueprint {
  name: string
  description: string
  guide?: string
  /** Where it came from: a file path or `builtin:NAME`. */
  source: string
  accountId: string
  region: string
  partition: string
  parameters: ParameterInfo[]
  policies: ManagedPolicySpec[]
  roles: RoleSpec[]
  instanceProfiles: InstanceProfileSpec[]
  groups: GroupSpec[]
  users: UserSpec[]
  serviceLinkedRoles: ServiceLinkedRoleSpec[]
}

/** The partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}
