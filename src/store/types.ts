/**
 * Records the store returns and inputs it accepts. Field names follow the botocore IAM
 * model (camelCased); dates are Date objects; documents are the policy JSON text exactly
 * as the caller stored it (URL-decoding and validation are the caller's job).
 */

/** An IAM tag; keys are unique per resource, compared case-insensitively. */
export interface Tag {
  key: string
  value: string
}

/** The kinds of principal that can hold policies. */
export type PrincipalType = 'user' | 'group' | 'role'

/** Names a user, group or role. */
export interface PrincipalRef {
  type: PrincipalType
  name: string
}

/** Keyset pagination input: `marker` is the opaque value a previous page returned. */
export interface PageRequest {
  marker?: string
  /** 1..1000, default 100 (AWS's MaxItems rules). */
  maxItems?: number
}

/** One page of results; `marker` is set exactly when `isTruncated` is. */
export interface Page<T> {
  items: T[]
  isTruncated: boolean
  marker?: string
}

/** Filters shared by the List* calls that take a PathPrefix. */
export interface PathPageRequest extends PageRequest {
  /** Only entities whose path starts with this (case-sensitive), e.g. `/engineering/`. */
  pathPrefix?: string
}

/** AWS account password policy (GetAccountPasswordPolicy). */
export interface PasswordPolicy {
  minimumPasswordLength?: number
  requireSymbols?: boolean
  requireNumbers?: boolean
  requireUppercaseCharacters?: boolean
  requireLowercaseCharacters?: boolean
  allowUsersToChangePassword?: boolean
  expirePasswords?: boolean
  maxPasswordAge?: number
  passwordReusePrevention?: number
  hardExpiry?: boolean
}

/**
 * The account's root credentials as the server stores them: the secret sealed with the
 * server's master key (the store never sees it in the clear), so every server sharing the
 * database and the master key can open it.
 */
export interface RootCredentialsRecord {
  accessKeyId: string
  sealedSecret: Uint8Array
}

export interface AccountRecord {
  id: string
  alias?: string
  passwordPolicy?: PasswordPolicy
  createDate: Date
}

export interface UserRecord {
  id: string
  name: string
  path: string
  arn: string
  createDate: Date
  permissionsBoundaryArn?: string
  passwordLastUsed?: Date
  tags: Tag[]
}

export interface CreateUserInput {
  /** An AIDA id; generated when absent. */
  id?: string
  /** Defaults to now; set when restoring an account snapshot. */
  createDate?: Date
  name: string
  path?: string
  permissionsBoundaryArn?: string
  tags?: Tag[]
}

export interface GroupRecord {
  id: string
  name: string
  path: string
  arn: string
  createDate: Date
}

export interface CreateGroupInput {
  id?: string
  /** Defaults to now; set when restoring an account snapshot. */
  createDate?: Date
  name: string
  path?: string
}

export interface RoleLastUsed {
  lastUsedDate: Date
  region?: string
}

export interface RoleRecord {
  id: string
  name: string
  path: string
  arn: string
  createDate: Date
  assumeRolePolicyDocument: string
  description?: string
  /** Seconds, 3600..43200. */
  maxSessionDuration: number
  permissionsBoundaryArn?: string
  roleLastUsed?: RoleLastUsed
  tags: Tag[]
}

export interface CreateRoleInput {
  id?: string
  /** Defaults to now; set when restoring an account snapshot. */
  createDate?: Date
  name: string
  path?: string
  assumeRolePolicyDocument: string
  description?: string
  maxSessionDuration?: number
  permissionsBoundaryArn?: string
  tags?: Tag[]
}

/** Fields UpdateRole / UpdateRoleDescription / UpdateAssumeRolePolicy may change. */
export interface UpdateRoleInput {
  description?: string
  maxSessionDuration?: number
  assumeRolePolicyDocument?: string
}

/** A customer managed policy. */
export interface ManagedPolicyRecord {
  id: string
  name: string
  path: string
  arn: string
  defaultVersionId: string
  attachmentCount: number
  permissionsBoundaryUsageCount: number
  description?: string
  createDate: Date
  updateDate: Date
  tags: Tag[]
}

export interface CreatePolicyInput {
  /** An ANPA id; generated when absent. */
  id?: string
  name: string
  path?: string
  /** The default version's document (v1 unless `versions` says otherwise). */
  document: string
  description?: string
  tags?: Tag[]
  /** Defaults to now; set when restoring an account snapshot. */
  createDate?: Date
  /** Defaults to `createDate`; set when restoring an account snapshot. */
  updateDate?: Date
  /**
   * Restoring a snapshot: the policy's versions as they were (ids `vN`, at most the
   * versions quota, exactly one default whose document equals `document`); InvalidInput
   * otherwise. The next new version is numbered after the highest one given.
   */
  versions?: PolicyVersionInput[]
}

/** A policy version as a snapshot records it. */
export interface PolicyVersionInput {
  versionId: string
  document: string
  isDefaultVersion: boolean
  /** Defaults to the policy's createDate. */
  createDate?: Date
}

export interface PolicyVersionRecord {
  versionId: string
  document: string
  isDefaultVersion: boolean
  createDate: Date
}

/** ListPolicies filters (Scope=Local is implied: AWS managed policies live in the catalog). */
export interface ListPoliciesRequest extends PathPageRequest {
  onlyAttached?: boolean
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary'
}

/** A managed policy (customer or AWS) attached to a principal. */
export interface AttachedPolicy {
  policyArn: string
  policyName: string
}

/** How many principals use an AWS managed policy (for ListPolicies Scope=AWS/All). */
export interface AwsPolicyUsage {
  policyArn: string
  attachmentCount: number
  permissionsBoundaryUsageCount: number
}

/** ListEntitiesForPolicy filters. */
export interface ListEntitiesForPolicyRequest extends PathPageRequest {
  entityFilter?: 'User' | 'Group' | 'Role'
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary'
}

export interface PolicyEntity {
  type: PrincipalType
  name: string
  id: string
}

export interface InlinePolicyRecord {
  name: string
  document: string
}

export type AccessKeyStatus = 'Active' | 'Inactive'

export interface AccessKeyLastUsed {
  lastUsedDate: Date
  serviceName: string
  region: string
}

export interface AccessKeyRecord {
  id: string
  userName: string
  userId: string
  status: AccessKeyStatus
  createDate: Date
  /** The secret as the caller encrypted it; the store never sees the plaintext. */
  secretCiphertext: Uint8Array
  lastUsed?: AccessKeyLastUsed
}

export interface CreateAccessKeyInput {
  /** An AKIA id; generated when absent. */
  id?: string
  userName: string
  secretCiphertext: Uint8Array
  status?: AccessKeyStatus
}

export interface InstanceProfileRecord {
  id: string
  name: string
  path: string
  arn: string
  createDate: Date
  /** At most one role (AWS quota InstanceSessionsPerInstanceProfile = 1). */
  roles: RoleRecord[]
  tags: Tag[]
}

export interface CreateInstanceProfileInput {
  /** An AIPA id; generated when absent. */
  id?: string
  /** Defaults to now; set when restoring an account snapshot. */
  createDate?: Date
  name: string
  path?: string
  tags?: Tag[]
}

/**
 * The account's credential report (GenerateCredentialReport / GetCredentialReport):
 * requested at `requestedAt`, complete once `generatedAt` and `content` are set.
 */
export interface CredentialReportRecord {
  requestedAt: Date
  generatedAt?: Date
  /** The CSV text. */
  content?: string
}

export type DeletionTaskStatus = 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED'

/** A DeleteServiceLinkedRole task (GetServiceLinkedRoleDeletionStatus). */
export interface DeletionTaskRecord {
  id: string
  roleName: string
  status: DeletionTaskStatus
  /** DeletionTaskFailureReasonType, stored as given. */
  reason?: { reason?: string; roleUsageList?: { region?: string; resources?: string[] }[] }
  createDate: Date
}

/** Where a policy document that applies to a principal came from. */
export interface PolicySource {
  type: PrincipalType
  name: string
}

/**
 * Everything needed to authorize one user or role, read in one consistent snapshot.
 * Customer managed policies come with their default version's document; AWS managed
 * policies come as ARNs only (`document` undefined) for the caller to resolve from the
 * catalog.
 */
export interface PrincipalPolicies {
  principal: { type: 'user' | 'role' | 'group'; id: string; name: string; path: string; arn: string }
  /** The store revision this snapshot was read at (see Store.getRevision). */
  revision: number
  groups: { id: string; name: string; arn: string }[]
  inline: { source: PolicySource; policyName: string; document: string }[]
  managed: { source: PolicySource; policyArn: string; versionId?: string; document?: string }[]
  permissionsBoundary?: { policyArn: string; versionId?: string; document?: string }
}

/** An IAM OpenID Connect identity provider (CreateOpenIDConnectProvider). */
export interface OidcProviderRecord {
  /** The ARN's resource after `oidc-provider/`: the URL's host and path, e.g. `token.actions.githubusercontent.com`. */
  name: string
  arn: string
  /** The URL as it was given, e.g. `https://token.actions.githubusercontent.com`. */
  url: string
  /** Audiences (client ids), in the order they were added. */
  clientIds: string[]
  /** Lower-case hex SHA-1 certificate thumbprints, at most 5. */
  thumbprints: string[]
  createDate: Date
  tags: Tag[]
}

export interface CreateOidcProviderInput {
  name: string
  url: string
  clientIds?: string[]
  thumbprints?: string[]
  tags?: Tag[]
}

/** What UpdateOpenIDConnectProviderThumbprint and the client id calls change. */
export interface UpdateOidcProviderInput {
  /** Adds a client id (no-op if present); LimitExceeded past ClientIdsPerOpenIdConnectProvider. */
  addClientId?: string
  /** Removes a client id (no-op if absent). */
  removeClientId?: string
  /** Replaces the thumbprint list. */
  thumbprints?: string[]
}

export type SamlAssertionEncryptionMode = 'Required' | 'Allowed'

/** A private key a SAML provider decrypts assertions with; the store only sees it sealed. */
export interface SamlPrivateKey {
  /** Upper-case alphanumeric, 22 to 64 characters (privateKeyIdType). */
  keyId: string
  timestamp: Date
  ciphertext: Uint8Array
}

/** An IAM SAML 2.0 identity provider (CreateSAMLProvider). */
export interface SamlProviderRecord {
  name: string
  arn: string
  /** SAMLProviderUUID. */
  uuid: string
  /** The metadata document exactly as uploaded. */
  metadataDocument: string
  createDate: Date
  validUntil: Date
  assertionEncryptionMode?: SamlAssertionEncryptionMode
  /** Oldest first, at most 2. */
  privateKeys: SamlPrivateKey[]
  tags: Tag[]
}

export interface CreateSamlProviderInput {
  name: string
  /** Generated when absent. */
  uuid?: string
  metadataDocument: string
  validUntil: Date
  assertionEncryptionMode?: SamlAssertionEncryptionMode
  privateKey?: SamlPrivateKey
  tags?: Tag[]
}

/** What UpdateSAMLProvider changes; absent fields stay as they are. */
export interface UpdateSamlProviderInput {
  metadataDocument?: string
  validUntil?: Date
  assertionEncryptionMode?: SamlAssertionEncryptionMode
  /** LimitExceeded when the provider already holds 2 keys. */
  addPrivateKey?: SamlPrivateKey
  /** InvalidInput for an unknown key id, or for the last key while encryption is Required. */
  removePrivateKeyId?: string
}

/** How many of each entity the account holds (GetAccountSummary), counted by the database. */
export interface EntityCounts {
  users: number
  groups: number
  roles: number
  instanceProfiles: number
  /** Customer managed policies. */
  policies: number
  /** Attachments of customer managed policies (each puts a default version in use). */
  policyAttachments: number
  serverCertificates: number
  mfaDevices: number
  /** MFA devices assigned to a user. */
  mfaDevicesInUse: number
  /** OpenID Connect and SAML identity providers. */
  providers: number
}
