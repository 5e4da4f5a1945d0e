/**
 * GetAccountSummary (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html):
 * the account's entity counts and IAM's default quotas
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), every key
 * of the model's summaryKeyType. Features Warden does not have (a root password, root MFA
 * or signing certificates) count 0. GlobalEndpointTokenVersion is 1 or 2 as
 * SetSecurityTokenServicePreferences last set it.
 */
import { sizeQuota } from '../../policy/index.js'
import { defineOperation } from '../../server/operation.js'
import { DEFAULT_LIMITS, type Store } from '../../store/index.js'

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
  const counts = await store.getEntityCounts()
  // Every attachment of a managed policy puts its default version in use.
  let versionsInUse = counts.policyAttachments
  for (const u of await store.listAwsPolicyUsage()) versionsInUse += u.attachmentCount
  const { users, groups, roles, instanceProfiles, policies, serverCertificates, mfaDevices, mfaDevicesInUse, providers } = counts
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
    MFADevicesInUse: mfaDevicesInUse,
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
    GlobalEndpointTokenVersion: (await store.getGlobalEndpointTokenVersion()) === 'v2Token' ? 2 : 1,
    AssumeRolePolicySizeQuota: sizeQuota('trust')!,
    InstanceProfiles: instanceProfiles,
    InstanceProfilesQuota: ACCOUNT_QUOTAS.InstanceProfilesQuota,
    Providers: providers,
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
