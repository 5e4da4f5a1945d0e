/**
 * What every dialect enforces the same way: where each principal kind lives, which rows
 * block a delete, and the StoreErrors worded as AWS words them. SQL here is plain enough
 * for both dialects (`?` placeholders; PostgreSQL numbers them when it runs them).
 */
import { StoreError } from './errors.js'
import { PEOPLE_RESET_ORDER, PEOPLE_USER_BLOCKERS } from './people-rules.js'
import { SERVICE_ACCESS_RESET_ORDER } from './service-access-records.js'
import type { CreatePolicyInput, PolicyVersionInput, PrincipalType } from './types.js'

/** Where each kind of principal lives. Table names are constants, never user input. */
export const PRINCIPALS = {
  user: { table: 'iam_users', attachments: 'user_policy_attachments', inline: 'user_inline_policies', quota: 'PoliciesPerUser' },
  group: { table: 'iam_groups', attachments: 'group_policy_attachments', inline: 'group_inline_policies', quota: 'PoliciesPerGroup' },
  role: { table: 'iam_roles', attachments: 'role_policy_attachments', inline: 'role_inline_policies', quota: 'PoliciesPerRole' }
} as const satisfies Record<PrincipalType, { table: string; attachments: string; inline: string; quota: string }>

/** Rows that make DeleteUser/Group/Role a DeleteConflict, each with AWS's message; the parameter is the principal's id. */
export const DELETE_BLOCKERS: Record<PrincipalType, readonly (readonly [sql: string, message: string])[]> = {
  user: [
    ['SELECT 1 FROM access_keys WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must delete access keys first.'],
    ['SELECT 1 FROM user_inline_policies WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must delete policies first.'],
    ['SELECT 1 FROM user_policy_attachments WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must detach all policies first.'],
    ['SELECT 1 FROM group_members WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must remove users from group first.'],
    ...PEOPLE_USER_BLOCKERS
  ],
  group: [
    ['SELECT 1 FROM group_members WHERE group_id = ? LIMIT 1', 'Cannot delete entity, must remove users from group first.'],
    ['SELECT 1 FROM group_inline_policies WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must delete policies first.'],
    ['SELECT 1 FROM group_policy_attachments WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must detach all policies first.']
  ],
  role: [
    ['SELECT 1 FROM instance_profile_roles WHERE role_id = ? LIMIT 1', 'Cannot delete entity, must remove roles from instance profile first.'],
    ['SELECT 1 FROM role_inline_policies WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must delete policies first.'],
    ['SELECT 1 FROM role_policy_attachments WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must detach all policies first.']
  ]
}

/** Tables emptied by reset(), children before parents so foreign keys hold throughout. */
export const RESET_ORDER = [
  ...PEOPLE_RESET_ORDER, 'instance_profile_roles', 'instance_profiles', 'access_keys',
  'user_inline_policies', 'group_inline_policies', 'role_inline_policies',
  'user_policy_attachments', 'group_policy_attachments', 'role_policy_attachments',
  'group_members', 'policy_versions', 'iam_policies', 'iam_groups', 'iam_users', 'iam_roles', 'deletion_tasks', 'credential_report',
  'oidc_providers', 'saml_providers',
  'outbound_federation',
  'server_certificates',
  ...SERVICE_ACCESS_RESET_ORDER,
  'delegation_requests'
] as const

/** AWS's EntityAlreadyExists message per entity kind. */
export const ALREADY_EXISTS = {
  user: (name: string) => `User with name ${name} already exists.`,
  group: (name: string) => `Group with name ${name} already exists.`,
  role: (name: string) => `Role with name ${name} already exists.`,
  policy: (name: string) => `A policy called ${name} already exists. Duplicate names are not allowed.`,
  'instance-profile': (name: string) => `Instance Profile ${name} already exists.`,
  'access-key': (id: string) => `Access key ${id} already exists.`,
  'deletion-task': (id: string) => `Deletion task ${id} already exists.`
} as const

export function accountNotInitialized(): StoreError {
  return new StoreError('NotFound', 'The account has not been initialized.', 'account')
}

export function accountMismatch(existing: string, wanted: string): StoreError {
  return new StoreError('Conflict', `This data directory belongs to account ${existing}, not ${wanted}.`, 'account')
}

/** AWS's NoSuchEntity message for a principal. */
export function principalNotFound(type: PrincipalType, name: string): StoreError {
  return new StoreError('NotFound', `The ${type} with name ${name} cannot be found.`, type)
}

/** AWS's NoSuchEntity message for a managed policy. */
export function policyNotFound(arn: string): StoreError {
  return new StoreError('NotFound', `Policy ${arn} does not exist or is not attachable.`, 'policy')
}

export function versionNotFound(arn: string, versionId: string): StoreError {
  return new StoreError('NotFound', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 'policy-version')
}

export function keyNotFound(id: string): StoreError {
  return new StoreError('NotFound', `The Access Key with id ${id} cannot be found`, 'access-key')
}

export function profileNotFound(name: string): StoreError {
  return new StoreError('NotFound', `Instance Profile ${name} cannot be found.`, 'instance-profile')
}

export function taskNotFound(id: string): StoreError {
  return new StoreError('NotFound', `Deletion task ${id} cannot be found.`, 'deletion-task')
}

export function invalidPolicyArn(arn: string): StoreError {
  return new StoreError('InvalidInput', `ARN ${arn} is not valid.`, 'policy')
}

/** LimitExceeded for a count quota (AccessKeysPerUser, GroupsPerUser, PoliciesPerRole, ...). */
export function quotaExceeded(quota: string, limit: number, entity: StoreError['entity']): StoreError {
  return new StoreError('LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`, entity)
}

export function versionsExceeded(limit: number): StoreError {
  return new StoreError('LimitExceeded',
    `A managed policy can have up to ${limit} versions. Before you create a new version, you must delete an existing version.`, 'policy-version')
}

export function inlineSizeExceeded(type: PrincipalType, name: string, limit: number): StoreError {
  return new StoreError('LimitExceeded', `Maximum policy size of ${limit} bytes exceeded for ${type} ${name}`, 'inline-policy')
}

/** DeleteConflict messages of DeletePolicy, DeletePolicyVersion and DeleteInstanceProfile. */
export const CONFLICTS = {
  policyAttached: () => new StoreError('Conflict', 'Cannot delete a policy attached to entities.', 'policy'),
  policyIsBoundary: () => new StoreError('Conflict', 'Cannot delete a policy that is used as a permissions boundary.', 'policy'),
  policyHasVersions: () => new StoreError('Conflict',
    "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.", 'policy'),
  defaultVersion: () => new StoreError('Conflict', 'Cannot delete the default version of a policy.', 'policy-version'),
  profileHasRole: () => new StoreError('Conflict', 'Cannot delete entity, must remove roles from instance profile first.', 'instance-profile')
} as const

export function notInGroup(userName: string, groupName: string): StoreError {
  return new StoreError('NotFound', `The user with name ${userName} cannot be found in group ${groupName}.`, 'user')
}

export function notInProfile(roleName: string, profileName: string): StoreError {
  return new StoreError('NotFound', `The role with name ${roleName} cannot be found in instance profile ${profileName}.`, 'role')
}

export function profileFull(): StoreError {
  return new StoreError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 'instance-profile')
}

export function attachmentNotFound(arn: string): StoreError {
  return new StoreError('NotFound', `Policy ${arn} was not found.`, 'attachment')
}

export function inlineNotFound(type: PrincipalType, policyName: string): StoreError {
  return new StoreError('NotFound', `The ${type} policy with name ${policyName} cannot be found.`, 'inline-policy')
}

/** A date the caller gave (restoring a snapshot), checked: InvalidInput for an invalid Date. */
export function givenDate<D extends Date | undefined>(d: D): D {
  if (d !== undefined && Number.isNaN(d.getTime())) throw new StoreError('InvalidInput', 'The date is not valid.')
  return d
}

/** The versions a new policy starts with: v1 = document, or the snapshot's versions, checked. */
export function initialVersions(input: CreatePolicyInput, quota: number): (PolicyVersionInput & { number: number })[] {
  if (input.versions === undefined) return [{ versionId: 'v1', number: 1, document: input.document, isDefaultVersion: true }]
  const invalid = (why: string): StoreError => new StoreError('InvalidInput', `Policy ${input.name}: ${why}`, 'policy-version')
  if (input.versions.length === 0 || input.versions.length > quota) throw invalid(`a policy has 1 to ${quota} versions, not ${input.versions.length}`)
  const seen = new Set<number>()
  const out = input.versions.map((v) => {
    const m = /^v([1-9]\d{0,8})$/.exec(v.versionId)
    if (!m) throw invalid(`${v.versionId} is not a version id (v1, v2, ...)`)
    const number = Number(m[1])
    if (seen.has(number)) throw invalid(`version ${v.versionId} is given twice`)
    seen.add(number)
    givenDate(v.createDate)
    return { ...v, number }
  })
  const defaults = out.filter((v) => v.isDefaultVersion)
  if (defaults.length !== 1) throw invalid(`exactly one version must be the default, not ${defaults.length}`)
  if (defaults[0]!.document !== input.document) throw invalid('the default version\'s document differs from the policy document')
  return out
}
