/**
 * GetAccountSummary (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html):
 * the account's entity counts and IAM's default quotas
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), every key
 * of the model's summaryKeyType. Features Warden does not have (identity providers, a root
 * password, root MFA or signing certificates) count 0.
 */
import { sizeQuota } from '../../policy/index.js'
import { defineOperation } from '../../server/operation.js'
import { DEFAULT_LIMITS, type Store } from '../../store/index.js'
import { allPages } from '../shared/paging.js'

/** IAM quotas the store does not enforce, at AWS's defaults. */
const ACCOUNT_QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500,
  PolicyVersionsInUseQuota: 10000,
  SigningCertificatesPerUserQuota: 2
}

/** The SummaryMap: counts read from the store, quotas from AWS's defaults. */
export async function accountSummary(store: Store): Promise<Record<string, number>> {
  const users = (await allPages((r) => store.listUsers(r))).length
  const groups = (await allPages((r) => store.listGroups(r))).length
  const roles = (await allPages((r) => store.listRoles(r))).length
  const instanceProfiles = (await allPages((r) => store.listInstanceProfiles(r))).length
  const customerPolicies = await allPages((r) => store.listPolicies(r))
  const policies = customerPolicies.length
  // Every attachment of a managed policy puts its default version in use.
  let versionsInUse = customerPolicies.reduce((n, p) => n + p.attachmentCount, 0)
  for (const u of await store.listAwsPolicyUsage()) versionsInUse += u.attachmentCount
  const serverCertificates = (await allPages((r) => store.listServerCertificates(r))).length
  const mfaDevices = (await allPages((r) => store.listVirtualMfaDevices(r))).length
  const mfaInUse = (await allPages((r) => store.listVirtualMfaDevices({ ...r, assignmentStatus: 'Assigned' }))).length
  return {
    Users: users,
    UsersQuota: ACCOUNT_QUOTAS.UsersQuota,
    Groups: groups,
    GroupsQuota: ACCOUNT_QUOTAS.GroupsQuota,
    ServerCertificates: serverCertificates,
    ServerCertificatesQuota: DEFAULT_LIMITS.serverCertificatesPerAccount,
    UserPolicySizeQuota: DEFAULT_LIMITS.inlinePolicySize.user,
    GroupPolicySizeQuota: DEFAULT_LIMITS.inlinePolicySize.group,
    GroupsPerUserQuota: DEFAULT_LIMITS.groupsPerUser,
    SigningCertificatesPerUserQuota: ACCOUNT_QUOTAS.SigningCertificatesPerUserQuota,
    AccessKeysPerUserQuota: DEFAULT_LIMITS.accessKeysPerUser,
    MFADevices: mfaDevices,
    MFADevicesInUse: mfaInUse,
    AccountMFAEnabled: 0,
    // Warden's root user always has its access key (the root credentials).
    AccountAccessKeysPresent: 1,
    AccountPasswordPresent: 0,
    AccountSigningCertificatesPresent: 0,
    AttachedPoliciesPerGroupQuota: DEFAULT_LIMITS.attachedPoliciesPerPrincipal,
    AttachedPoliciesPerRoleQuota: DEFAULT_LIMITS.attachedPoliciesPerPrincipal,
    AttachedPoliciesPerUserQuota: DEFAULT_LIMITS.attachedPoliciesPerPrincipal,
    Policies: policies,
    PoliciesQuota: ACCOUNT_QUOTAS.PoliciesQuota,
    PolicySizeQuota: sizeQuota('managed')!,
    PolicyVersionsInUse: versionsInUse,
    PolicyVersionsInUseQuota: ACCOUNT_QUOTAS.PolicyVersionsInUseQuota,
    VersionsPerPolicyQuota: DEFAULT_LIMITS.versionsPerPolicy,
    GlobalEndpointTokenVersion: 1,
    AssumeRolePolicySizeQuota: sizeQuota('trust')!,
    InstanceProfiles: instanceProfiles,
    InstanceProfilesQuota: ACCOUNT_QUOTAS.InstanceProfilesQuota,
    Providers: 0,
    RolePolicySizeQuota: DEFAULT_LIMITS.inlinePolicySize.role,
    Roles: roles,
    RolesQuota: ACCOUNT_QUOTAS.RolesQuota
  }
}

export const getAccountSummary = defineOperation<Record<string, never>, { SummaryMap: Record<string, number> }>({
  service: 'iam',
  name: 'GetAccountSummary',
  handler: async (_input, ctx) => ({ SummaryMap: await accountSummary(ctx.store) })
})
