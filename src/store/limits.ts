/**
 * Quotas the store enforces atomically. Defaults are AWS's documented defaults
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export interface StoreLimits {
  /** Managed policy versions kept per customer managed policy (fixed at 5 by AWS). */
  versionsPerPolicy: number
  /** Access keys per user (fixed at 2 by AWS). */
  accessKeysPerUser: number
  /** Managed policies attached per user, group or role (AWS default 10, adjustable to 20). */
  attachedPoliciesPerPrincipal: number
  /** Groups a user can be a member of (fixed at 10 by AWS). */
  groupsPerUser: number
  /** Tags per user, role, policy or instance profile (fixed at 50 by AWS). */
  tagsPerResource: number
  /** MFA devices enabled per user (fixed at 8 by AWS). */
  mfaDevicesPerUser: number
  /** SSH public keys per user (AWS default 5). */
  sshPublicKeysPerUser: number
  /** Signing certificates per user (AWS default 2). */
  signingCertificatesPerUser: number
  /** Service-specific credentials per user and service (AWS default 2). */
  serviceCredentialsPerUserPerService: number
  /** OpenID Connect providers per account (AWS default 100). */
  oidcProvidersPerAccount: number
  /** Client ids (audiences) per OpenID Connect provider (fixed at 100 by AWS). */
  clientIdsPerOidcProvider: number
  /** SAML providers per account (AWS default 100). */
  samlProvidersPerAccount: number
  /** Private keys per SAML provider (fixed at 2 by AWS). */
  privateKeysPerSamlProvider: number
  /** Server certificates per account (AWS default 20). */
  serverCertificatesPerAccount: number
  /** Aggregate inline policy size per principal, non-whitespace characters. */
  inlinePolicySize: { user: number; group: number; role: number }
}

/** AWS's default quotas. */
export const DEFAULT_LIMITS: StoreLimits = Object.freeze({
  versionsPerPolicy: 5,
  accessKeysPerUser: 2,
  attachedPoliciesPerPrincipal: 10,
  groupsPerUser: 10,
  tagsPerResource: 50,
  mfaDevicesPerUser: 8,
  sshPublicKeysPerUser: 5,
  signingCertificatesPerUser: 2,
  serviceCredentialsPerUserPerService: 2,
  oidcProvidersPerAccount: 100,
  clientIdsPerOidcProvider: 100,
  samlProvidersPerAccount: 100,
  privateKeysPerSamlProvider: 2,
  serverCertificatesPerAccount: 20,
  inlinePolicySize: Object.freeze({ user: 2048, group: 5120, role: 10240 })
})

/** DEFAULT_LIMITS with the given overrides applied. */
export function resolveLimits(overrides: Partial<StoreLimits> = {}): StoreLimits {
  return { ...DEFAULT_LIMITS, ...overrides, inlinePolicySize: { ...DEFAULT_LIMITS.inlinePolicySize, ...overrides.inlinePolicySize } }
}
