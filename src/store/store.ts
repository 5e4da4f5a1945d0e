/**
 * The persistence interface of Warden, built from one interface per domain and composed
 * into `Store`. Every method returns a Promise so SQLite and PostgreSQL implementations
 * are interchangeable; every mutation runs in one transaction; every failure is a
 * StoreError (see errors.ts). Getters return `undefined` for a missing entity; mutations
 * of a missing entity throw StoreError NotFound. Entity names (users, groups, roles,
 * managed policies, instance profiles) are unique case-insensitively per kind and looked
 * up case-insensitively, as in AWS.
 */
import type {
  AccessKeyRecord, AccessKeyStatus, AccountRecord, AttachedPolicy, AwsPolicyUsage,
  CreateAccessKeyInput, CreateGroupInput, CreateInstanceProfileInput, CreatePolicyInput,
  CreateOidcProviderInput, CreateRoleInput, CreateSamlProviderInput, CreateUserInput, CredentialReportRecord, DeletionTaskRecord, DeletionTaskStatus, EntityCounts, GroupRecord,
  InlinePolicyRecord, InstanceProfileRecord, ListEntitiesForPolicyRequest, ListPoliciesRequest,
  ManagedPolicyRecord, OidcProviderRecord, Page, PageRequest, PasswordPolicy, PathPageRequest, PolicyEntity,
  PolicyVersionRecord, PrincipalPolicies, PrincipalRef, RoleRecord, RootCredentialsRecord, SamlProviderRecord, Tag, UpdateOidcProviderInput,
  UpdateRoleInput, UpdateSamlProviderInput, UserRecord
} from './types.js'
import type {
  CreateLoginProfileInput, CreateUserCredentialInput, CreateVirtualMfaDeviceInput, ListVirtualMfaDevicesRequest, LoginProfileRecord,
  MfaDeviceRecord, MfaSync, UpdateLoginProfileInput, UserCredentialKind, UserCredentialRecord, UserCredentialStatus
} from './people-types.js'
import type { OutboundFederationKeys, OutboundFederationRecord } from './outbound-federation-records.js'
import type { CreateServerCertificateInput, ServerCertificateRecord, UpdateServerCertificateInput } from './server-certificate-records.js'
import type { GlobalEndpointTokenVersion, ServiceAccessEntry, ServiceLastAccessedJobRecord } from './service-access-types.js'
import type {
  CreateDelegationRequestInput, DelegationRequestChanges, DelegationRequestRecord, ListDelegationRequestsRequest
} from './delegation-types.js'

/** The single account this store holds. */
export interface AccountStore {
  /** The account, or undefined before initAccount ran on a fresh database. */
  getAccount(): Promise<AccountRecord | undefined>
  /** Creates the account on a fresh database; returns the existing one if the id matches, Conflict otherwise. */
  initAccount(id: string): Promise<AccountRecord>
  /** Sets (or, with undefined, deletes) the account alias. */
  setAccountAlias(alias: string | undefined): Promise<void>
  /** The account's entity counts, counted by the database (one statement, no rows loaded). */
  getEntityCounts(): Promise<EntityCounts>
  /** Sets (or, with undefined, deletes) the account password policy. */
  setPasswordPolicy(policy: PasswordPolicy | undefined): Promise<void>
  /** The root credentials recorded for the account (sealed by the server), or undefined; kept by reset(). */
  getRootCredentials(): Promise<RootCredentialsRecord | undefined>
  /**
   * Records root credentials unless some are recorded already, and returns the recorded
   * ones: servers starting together on one database all end up with the first writer's.
   * NotFound before initAccount.
   */
  initRootCredentials(credentials: RootCredentialsRecord): Promise<RootCredentialsRecord>
  /** The account's credential report (in progress or complete), or undefined before the first request. */
  getCredentialReport(): Promise<CredentialReportRecord | undefined>
  /** Replaces the credential report record (bookkeeping: does not change the revision). */
  putCredentialReport(report: CredentialReportRecord): Promise<void>
}

export interface UserStore {
  /** Creates a user; AlreadyExists if the name is taken (case-insensitively). */
  createUser(input: CreateUserInput): Promise<UserRecord>
  /** The user with this name (case-insensitive), or undefined. */
  getUser(name: string): Promise<UserRecord | undefined>
  /** The user with this unique id (AIDA...), or undefined. */
  getUserById(id: string): Promise<UserRecord | undefined>
  /** Renames and/or moves a user (UpdateUser). */
  updateUser(name: string, changes: { newName?: string; newPath?: string }): Promise<UserRecord>
  /** Deletes a user; Conflict while it has access keys, policies or group memberships. */
  deleteUser(name: string): Promise<void>
  /** Users ordered by name, optionally under a path prefix. */
  listUsers(request?: PathPageRequest): Promise<Page<UserRecord>>
  /** Sets or (with undefined) deletes the user's permissions boundary. */
  setUserPermissionsBoundary(name: string, policyArn: string | undefined): Promise<void>
  /** Adds or overwrites tags (keys compared case-insensitively); LimitExceeded past the quota. */
  tagUser(name: string, tags: Tag[]): Promise<void>
  /** Removes tags by key (case-insensitive); unknown keys are ignored. */
  untagUser(name: string, keys: string[]): Promise<void>
}

export interface GroupStore {
  createGroup(input: CreateGroupInput): Promise<GroupRecord>
  getGroup(name: string): Promise<GroupRecord | undefined>
  /** Renames and/or moves a group (UpdateGroup). */
  updateGroup(name: string, changes: { newName?: string; newPath?: string }): Promise<GroupRecord>
  /** Deletes a group; Conflict while it has members or policies. */
  deleteGroup(name: string): Promise<void>
  listGroups(request?: PathPageRequest): Promise<Page<GroupRecord>>
  /** Adds a user to a group (no-op if already a member); LimitExceeded past GroupsPerUser. */
  addUserToGroup(groupName: string, userName: string): Promise<void>
  /** Removes a user from a group; NotFound if the user is not a member. */
  removeUserFromGroup(groupName: string, userName: string): Promise<void>
  /** The group's members, ordered by user name. */
  listGroupMembers(groupName: string, request?: PageRequest): Promise<Page<UserRecord>>
  /** The groups a user belongs to, ordered by group name. */
  listGroupsForUser(userName: string, request?: PageRequest): Promise<Page<GroupRecord>>
}

export interface RoleStore {
  createRole(input: CreateRoleInput): Promise<RoleRecord>
  getRole(name: string): Promise<RoleRecord | undefined>
  getRoleById(id: string): Promise<RoleRecord | undefined>
  /** UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy. */
  updateRole(name: string, changes: UpdateRoleInput): Promise<RoleRecord>
  /** Deletes a role; Conflict while it has policies or is in an instance profile. */
  deleteRole(name: string): Promise<void>
  listRoles(request?: PathPageRequest): Promise<Page<RoleRecord>>
  setRolePermissionsBoundary(name: string, policyArn: string | undefined): Promise<void>
  /** Records RoleLastUsed (does not change the revision). */
  recordRoleUsed(name: string, date: Date, region: string): Promise<void>
  tagRole(name: string, tags: Tag[]): Promise<void>
  untagRole(name: string, keys: string[]): Promise<void>
}

/** Customer managed policies and their versions. */
export interface PolicyStore {
  /** Creates a policy with version v1 as default; AlreadyExists if the name is taken. */
  createPolicy(input: CreatePolicyInput): Promise<ManagedPolicyRecord>
  /** The customer managed policy with this ARN, or undefined. */
  getPolicy(arn: string): Promise<ManagedPolicyRecord | undefined>
  /** Deletes a policy; Conflict while attached, used as a boundary, or with non-default versions. */
  deletePolicy(arn: string): Promise<void>
  listPolicies(request?: ListPoliciesRequest): Promise<Page<ManagedPolicyRecord>>
  /** Adds the next version (v2, v3, ...); LimitExceeded when the policy already has 5. */
  createPolicyVersion(arn: string, document: string, setAsDefault: boolean): Promise<PolicyVersionRecord>
  getPolicyVersion(arn: string, versionId: string): Promise<PolicyVersionRecord | undefined>
  /** All versions, newest first (at most 5, so never paged). */
  listPolicyVersions(arn: string): Promise<PolicyVersionRecord[]>
  /** Conflict for the default version. */
  deletePolicyVersion(arn: string, versionId: string): Promise<void>
  setDefaultPolicyVersion(arn: string, versionId: string): Promise<void>
  tagPolicy(arn: string, tags: Tag[]): Promise<void>
  untagPolicy(arn: string, keys: string[]): Promise<void>
}

/** Managed policy attachments (customer policies by ARN, AWS managed ones by ARN too). */
export interface AttachmentStore {
  /**
   * Attaches a managed policy (no-op if already attached). A customer policy ARN must
   * exist (NotFound); an AWS managed ARN (`arn:aws:iam::aws:policy/...`) is stored as
   * given, the caller checks it against the catalog. LimitExceeded past the quota.
   */
  attachPolicy(principal: PrincipalRef, policyArn: string): Promise<void>
  /** NotFound if the policy is not attached. */
  detachPolicy(principal: PrincipalRef, policyArn: string): Promise<void>
  /** ListAttachedUserPolicies / GroupPolicies / RolePolicies; pathPrefix filters the policy path. */
  listAttachedPolicies(principal: PrincipalRef, request?: PathPageRequest): Promise<Page<AttachedPolicy>>
  /** ListEntitiesForPolicy: principals that attach or (for users/roles) use the policy as boundary. */
  listEntitiesForPolicy(policyArn: string, request?: ListEntitiesForPolicyRequest): Promise<Page<PolicyEntity>>
  /** Usage counts of every AWS managed policy in use (those not listed are unused). */
  listAwsPolicyUsage(): Promise<AwsPolicyUsage[]>
}

/** Inline policies of users, groups and roles. */
export interface InlinePolicyStore {
  /** Creates or replaces; LimitExceeded when the principal's aggregate size passes the quota. */
  putInlinePolicy(principal: PrincipalRef, policyName: string, document: string): Promise<void>
  getInlinePolicy(principal: PrincipalRef, policyName: string): Promise<InlinePolicyRecord | undefined>
  deleteInlinePolicy(principal: PrincipalRef, policyName: string): Promise<void>
  /** Policy names, ordered. */
  listInlinePolicies(principal: PrincipalRef, request?: PageRequest): Promise<Page<string>>
}

export interface AccessKeyStore {
  /** LimitExceeded when the user already has 2 keys. */
  createAccessKey(input: CreateAccessKeyInput): Promise<AccessKeyRecord>
  /** The key and its user in one indexed lookup (the request path's credential lookup). */
  getAccessKey(id: string): Promise<{ key: AccessKeyRecord; user: UserRecord } | undefined>
  /** NotFound unless the key exists and belongs to the user. */
  updateAccessKey(userName: string, id: string, status: AccessKeyStatus): Promise<void>
  deleteAccessKey(userName: string, id: string): Promise<void>
  /** The user's keys (at most 2, so never paged), oldest first. */
  listAccessKeys(userName: string): Promise<AccessKeyRecord[]>
  /** Records AccessKeyLastUsed (does not change the revision). */
  recordAccessKeyUsed(id: string, date: Date, serviceName: string, region: string): Promise<void>
}

export interface InstanceProfileStore {
  createInstanceProfile(input: CreateInstanceProfileInput): Promise<InstanceProfileRecord>
  getInstanceProfile(name: string): Promise<InstanceProfileRecord | undefined>
  /** Conflict while the profile holds a role. */
  deleteInstanceProfile(name: string): Promise<void>
  listInstanceProfiles(request?: PathPageRequest): Promise<Page<InstanceProfileRecord>>
  listInstanceProfilesForRole(roleName: string, request?: PageRequest): Promise<Page<InstanceProfileRecord>>
  /** LimitExceeded if the profile already holds a role. */
  addRoleToInstanceProfile(profileName: string, roleName: string): Promise<void>
  removeRoleFromInstanceProfile(profileName: string, roleName: string): Promise<void>
  tagInstanceProfile(name: string, tags: Tag[]): Promise<void>
  untagInstanceProfile(name: string, keys: string[]): Promise<void>
}

/** DeleteServiceLinkedRole bookkeeping. */
export interface DeletionTaskStore {
  /** Records a task (status NOT_STARTED); the caller makes the id. */
  createDeletionTask(id: string, roleName: string): Promise<DeletionTaskRecord>
  getDeletionTask(id: string): Promise<DeletionTaskRecord | undefined>
  updateDeletionTask(id: string, status: DeletionTaskStatus, reason?: DeletionTaskRecord['reason']): Promise<void>
}

/** Console passwords: one login profile per user, holding only password hashes. */
export interface LoginProfileStore {
  /** AlreadyExists if the user has one; NotFound if the user does not exist. */
  createLoginProfile(input: CreateLoginProfileInput): Promise<LoginProfileRecord>
  /** The user's login profile, or undefined (no such user, or no profile). */
  getLoginProfile(userName: string): Promise<LoginProfileRecord | undefined>
  /** NotFound without a profile; Conflict when `ifPasswordHash` no longer matches. */
  updateLoginProfile(userName: string, changes: UpdateLoginProfileInput): Promise<LoginProfileRecord>
  deleteLoginProfile(userName: string): Promise<void>
}

/**
 * Virtual MFA devices. Serial numbers are looked up case-insensitively, as names are. None
 * of these calls moves the revision: MFA shows in evaluation only through sessions.
 */
export interface MfaDeviceStore {
  /** AlreadyExists for a device at the same path and name. */
  createVirtualMfaDevice(input: CreateVirtualMfaDeviceInput): Promise<MfaDeviceRecord>
  getMfaDevice(serialNumber: string): Promise<MfaDeviceRecord | undefined>
  /** Every virtual device, ordered by serial number. */
  listVirtualMfaDevices(request?: ListVirtualMfaDevicesRequest): Promise<Page<MfaDeviceRecord>>
  /** The devices enabled for a user, ordered by serial number; NotFound if the user does not exist. */
  listMfaDevices(userName: string, request?: PageRequest): Promise<Page<MfaDeviceRecord>>
  /**
   * Assigns the device to the user. NotFound for a missing user or device, AlreadyExists
   * when the device is assigned already, LimitExceeded past MFADevicesPerUser.
   */
  enableMfaDevice(userName: string, serialNumber: string, sync: MfaSync): Promise<void>
  /** Returns the device to the unassigned state; NotFound unless it is assigned to the user. */
  deactivateMfaDevice(userName: string, serialNumber: string): Promise<void>
  /** Records a resynchronisation; NotFound unless the device is assigned to the user. */
  resyncMfaDevice(userName: string, serialNumber: string, sync: MfaSync): Promise<void>
  /**
   * Consumes one TOTP time step: true and recorded when `step` is later than the last one
   * used, false when it was used already (a replayed code). NotFound for a missing device.
   */
  useMfaStep(serialNumber: string, step: number): Promise<boolean>
  /** Conflict while the device is assigned. */
  deleteVirtualMfaDevice(serialNumber: string): Promise<void>
  tagMfaDevice(serialNumber: string, tags: Tag[]): Promise<void>
  untagMfaDevice(serialNumber: string, keys: string[]): Promise<void>
}

/**
 * SSH public keys, signing certificates and service-specific credentials of users, one
 * `kind` each. Quotas: SSHPublicKeysPerUser (5), SigningCertificatesPerUser (2),
 * ServiceSpecificCredentialsPerUserPerService (2). None of these moves the revision.
 */
export interface UserCredentialStore {
  /**
   * NotFound for a missing user, LimitExceeded past the kind's quota, AlreadyExists for a
   * fingerprint already held: by the same user for SSH keys, by anyone for certificates.
   */
  createUserCredential(input: CreateUserCredentialInput): Promise<UserCredentialRecord>
  /** The credential if it exists and belongs to the user. */
  getUserCredential(kind: UserCredentialKind, userName: string, id: string): Promise<UserCredentialRecord | undefined>
  /** Oldest first; one user's (NotFound if missing) or, without userName, everyone's; optionally of one service. */
  listUserCredentials(kind: UserCredentialKind, filter: { userName?: string; serviceName?: string }): Promise<UserCredentialRecord[]>
  /** NotFound unless the credential belongs to the user. */
  updateUserCredential(kind: UserCredentialKind, userName: string, id: string, changes: { status?: UserCredentialStatus; secretCiphertext?: Uint8Array }): Promise<UserCredentialRecord>
  deleteUserCredential(kind: UserCredentialKind, userName: string, id: string): Promise<void>
}

/**
 * OpenID Connect identity providers, named by the ARN's resource after `oidc-provider/`
 * (the URL's host and path), unique and looked up case-insensitively. Changing a
 * provider's client ids or thumbprints, or deleting it, moves the revision (who may
 * federate changes); creating and tagging do not.
 */
export interface OidcProviderStore {
  /** AlreadyExists if the name is taken; LimitExceeded past OpenIdConnectProvidersPerAccount or ClientIdsPerOpenIdConnectProvider. */
  createOidcProvider(input: CreateOidcProviderInput): Promise<OidcProviderRecord>
  getOidcProvider(name: string): Promise<OidcProviderRecord | undefined>
  /** Every provider, ordered by name (AWS lists them whole: the quota is 100). */
  listOidcProviders(): Promise<OidcProviderRecord[]>
  deleteOidcProvider(name: string): Promise<void>
  /** Adds or removes one client id, or replaces the thumbprints, atomically. */
  updateOidcProvider(name: string, changes: UpdateOidcProviderInput): Promise<OidcProviderRecord>
  tagOidcProvider(name: string, tags: Tag[]): Promise<void>
  untagOidcProvider(name: string, keys: string[]): Promise<void>
}

/**
 * SAML 2.0 identity providers, by name (unique and looked up case-insensitively). Updating
 * or deleting one moves the revision; creating and tagging do not.
 */
export interface SamlProviderStore {
  /** AlreadyExists if the name is taken; LimitExceeded past SAMLProvidersPerAccount. */
  createSamlProvider(input: CreateSamlProviderInput): Promise<SamlProviderRecord>
  getSamlProvider(name: string): Promise<SamlProviderRecord | undefined>
  /** Every provider, ordered by name. */
  listSamlProviders(): Promise<SamlProviderRecord[]>
  deleteSamlProvider(name: string): Promise<void>
  /** Applies every change together or none (private key rules: at most 2, never the last one while encryption is Required). */
  updateSamlProvider(name: string, changes: UpdateSamlProviderInput): Promise<SamlProviderRecord>
  tagSamlProvider(name: string, tags: Tag[]): Promise<void>
  untagSamlProvider(name: string, keys: string[]): Promise<void>
}

/**
 * Outbound identity federation: the account's issuer and token signing keys, and whether
 * GetWebIdentityToken may mint tokens. None of these moves the revision.
 */
export interface OutboundFederationStore {
  /** The settings, or undefined before the first enable (and after reset). */
  getOutboundFederation(): Promise<OutboundFederationRecord | undefined>
  /**
   * Enables minting; `changed` is false when it was enabled already. The first enable
   * records `keys` (the first writer's win); later ones keep the recorded issuer and keys and
   * may omit them (NotFound if there is no row then).
   */
  enableOutboundFederation(keys?: OutboundFederationKeys): Promise<{ record: OutboundFederationRecord; changed: boolean }>
  /** Disables minting (the issuer and keys stay, so tokens already issued still verify); false when it was not enabled. */
  disableOutboundFederation(): Promise<boolean>
}

/**
 * Server certificates, by name (unique and looked up case-insensitively). Renames, moves,
 * tag changes and deletions move the revision (their ARN and tags are cached per revision
 * for aws:ResourceTag); uploads do not.
 */
export interface ServerCertificateStore {
  /** AlreadyExists if the name is taken; LimitExceeded past ServerCertificatesPerAccount. */
  createServerCertificate(input: CreateServerCertificateInput): Promise<ServerCertificateRecord>
  getServerCertificate(name: string): Promise<ServerCertificateRecord | undefined>
  /** Ordered by name, optionally under a path prefix. */
  listServerCertificates(request?: PathPageRequest): Promise<Page<ServerCertificateRecord>>
  /** Renames and/or moves a certificate; AlreadyExists if the new name is taken. */
  updateServerCertificate(name: string, changes: UpdateServerCertificateInput): Promise<ServerCertificateRecord>
  deleteServerCertificate(name: string): Promise<void>
  tagServerCertificate(name: string, tags: Tag[]): Promise<void>
  untagServerCertificate(name: string, keys: string[]): Promise<void>
}

/**
 * Service last accessed data: recorded use per user or role and action, report jobs, and
 * the account's STS preferences. Bookkeeping: none of these moves the revision.
 */
export interface ServiceAccessStore {
  /** Records attempts; per entity and action only the latest is kept (an older one arriving late changes nothing). */
  recordServiceAccess(entries: readonly ServiceAccessEntry[]): Promise<void>
  /** Everything recorded for these entity ids (users' and roles' unique ids), in no particular order. */
  listServiceAccess(entityIds: readonly string[]): Promise<ServiceAccessEntry[]>
  /** Creates or replaces a job (status, completion date, report, error change; the rest is kept). */
  putServiceLastAccessedJob(job: ServiceLastAccessedJobRecord): Promise<void>
  getServiceLastAccessedJob(id: string): Promise<ServiceLastAccessedJobRecord | undefined>
  /** The account's GlobalEndpointTokenVersion, or undefined while never set (AWS's default is v1Token). */
  getGlobalEndpointTokenVersion(): Promise<GlobalEndpointTokenVersion | undefined>
  setGlobalEndpointTokenVersion(version: GlobalEndpointTokenVersion): Promise<void>
}

/**
 * IAM temporary delegation requests, by id. Updates are compare-and-set on the version the
 * caller read, so two racing state changes cannot both apply. Nothing here moves the
 * revision: a request grants nothing until its exchange token becomes a session.
 */
export interface DelegationRequestStore {
  /** AlreadyExists when the requestor account already used this RequestorWorkflowId. */
  createDelegationRequest(input: CreateDelegationRequestInput): Promise<DelegationRequestRecord>
  getDelegationRequest(id: string): Promise<DelegationRequestRecord | undefined>
  /** Owned requests of one account (optionally of one owner), keyset-paged by id. */
  listDelegationRequests(request: ListDelegationRequestsRequest): Promise<Page<DelegationRequestRecord>>
  /** NotFound when missing; Conflict when its version is no longer `expectedVersion`. */
  updateDelegationRequest(id: string, expectedVersion: number, changes: DelegationRequestChanges): Promise<DelegationRequestRecord>
}

/** The read the authorizer needs per principal. */
export interface PrincipalPolicyLoader {
  /**
   * All policies that authorize this user or role (its own, its groups', its boundary), or a
   * group's own (for the policy simulator); undefined if it does not exist.
   */
  loadPrincipalPolicies(principal: { type: 'user' | 'role' | 'group'; name: string }): Promise<PrincipalPolicies | undefined>
}

/** The whole store. */
export interface Store extends AccountStore, UserStore, GroupStore, RoleStore, PolicyStore,
  AttachmentStore, InlinePolicyStore, AccessKeyStore, InstanceProfileStore, DeletionTaskStore,
  PrincipalPolicyLoader, LoginProfileStore, MfaDeviceStore, UserCredentialStore,
  OidcProviderStore, SamlProviderStore, OutboundFederationStore,
  ServerCertificateStore, ServiceAccessStore, DelegationRequestStore {
  /**
   * Runs `fn` atomically: every call made through `tx` commits together or not at all
   * (fn throwing rolls everything back and the error propagates). An operation that
   * fails inside fn undoes only its own changes, so fn may catch and continue. Use `tx`,
   * never the outer store, inside fn; transactions nest (inner ones are savepoints).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
  /**
   * A counter that increases whenever anything that affects some principal's permissions
   * commits (documents, attachments, memberships, boundaries, principal and resource tags, a role's MaxSessionDuration, renames,
   * deletions, access key status), never for bookkeeping (last-used dates) nor for creating
   * an entity (a new user, role, group or policy grants nothing yet). Caches of compiled
   * policies compare it; so callers must never cache the absence of an entity under it.
   */
  getRevision(): Promise<number>
  /** Empties all state back to a fresh account with the same id (for `--dev` reset). */
  reset(): Promise<void>
  /** Waits for running work, then releases the database; later calls fail Unavailable. */
  close(): Promise<void>
}
