/**
 * The credential report's CSV, as IAM formats it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html):
 * the header, the root user's row, then one row per user. Dates are ISO 8601 with
 * `+00:00`; N/A where a credential does not exist: the password columns come from the
 * login profile (and the account policy's MaxPasswordAge), mfa_active from the user's
 * enabled MFA devices, the cert columns from the signing certificates, oldest first.
 */
import type { AccessKeyRecord, LoginProfileRecord, PasswordPolicy, Store, UserCredentialRecord, UserRecord } from '../../store/index.js'
import { allPages } from '../shared/paging.js'

export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated'
] as const

const NA = 'N/A'

/** A report date: seconds precision, `+00:00` for UTC, as the report prints it. */
export function reportDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** RFC 4180 quoting, only where a value needs it (IAM names may contain commas). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function keyColumns(key: AccessKeyRecord | undefined): string[] {
  if (key === undefined) return ['false', NA, NA, NA, NA]
  const used = key.lastUsed
  return [
    key.status === 'Active' ? 'true' : 'false',
    reportDate(key.createDate),
    used ? reportDate(used.lastUsedDate) : NA,
    used ? used.region : NA,
    used ? used.serviceName : NA
  ]
}

const NO_CERTIFICATES = ['false', NA, 'false', NA]

function certColumns(cert: UserCredentialRecord | undefined): string[] {
  return cert === undefined ? ['false', NA] : [cert.status === 'Active' ? 'true' : 'false', reportDate(cert.createDate)]
}

/** password_enabled, password_last_used, password_last_changed, password_next_rotation. */
function passwordColumns(user: UserRecord, profile: LoginProfileRecord | undefined, policy: PasswordPolicy | undefined): string[] {
  if (profile === undefined) return ['false', NA, NA, NA]
  const maxAge = policy?.maxPasswordAge ?? 0
  const next = maxAge > 0 ? reportDate(new Date(profile.passwordLastChanged.getTime() + maxAge * 86_400_000)) : NA
  return ['true', user.passwordLastUsed ? reportDate(user.passwordLastUsed) : 'no_information', reportDate(profile.passwordLastChanged), next]
}

/** One user's credentials as the report needs them. */
interface UserCredentials {
  keys: AccessKeyRecord[]
  profile: LoginProfileRecord | undefined
  mfaActive: boolean
  certs: UserCredentialRecord[]
}

function userRow(user: UserRecord, c: UserCredentials, policy: PasswordPolicy | undefined): string[] {
  return [user.name, user.arn, reportDate(user.createDate), ...passwordColumns(user, c.profile, policy), c.mfaActive ? 'true' : 'false',
    ...keyColumns(c.keys[0]), ...keyColumns(c.keys[1]), ...certColumns(c.certs[0]), ...certColumns(c.certs[1])]
}

/**
 * The root row. The root user's access key is Warden's root credentials, created with the
 * account; their use is not recorded, and root has no console password or MFA here.
 */
function rootRow(accountId: string, created: Date): string[] {
  const createdText = reportDate(created)
  return ['<root_account>', `arn:aws:iam::${accountId}:root`, createdText, 'not_supported', 'no_information', 'not_supported',
    'not_supported', 'false', 'true', createdText, NA, NA, NA, ...keyColumns(undefined), ...NO_CERTIFICATES]
}

/** The whole report for the account as it is now (users by name, their keys oldest first). */
export async function buildCredentialReport(store: Store, accountId: string): Promise<string> {
  const account = await store.getAccount()
  const rows: string[][] = [[...CREDENTIAL_REPORT_COLUMNS], rootRow(accountId, account?.createDate ?? new Date(0))]
  for (const user of await allPages((r) => store.listUsers(r))) {
    const credentials: UserCredentials = {
      keys: await store.listAccessKeys(user.name),
      profile: await store.getLoginProfile(user.name),
      mfaActive: (await store.listMfaDevices(user.name, { maxItems: 1 })).items.length > 0,
      certs: await store.listUserCredentials('signing-certificate', { userName: user.name })
    }
    rows.push(userRow(user, credentials, account?.passwordPolicy))
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\n')
}
