/**
 * The account password policy applied to a new password, as IAM applies it to
 * CreateLoginProfile, UpdateLoginProfile and ChangePassword
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html).
 * Without a custom policy AWS's default applies: at least 8 characters, three of the four
 * character classes, and not the account's name.
 */
import { verifyPassword } from '../../auth/password-hash.js'
import type { PasswordPolicy } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

/** The symbols IAM counts for RequireSymbols. */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'")

const CLASSES: Record<'upper' | 'lower' | 'number' | 'symbol', (c: string) => boolean> = {
  upper: (c) => c >= 'A' && c <= 'Z',
  lower: (c) => c >= 'a' && c <= 'z',
  number: (c) => c >= '0' && c <= '9',
  symbol: (c) => SYMBOLS.has(c)
}

/** PasswordReusePrevention's ceiling: the most earlier passwords IAM remembers. */
export const MAX_REMEMBERED_PASSWORDS = 24

const NOT_CONFORMING = 'Password does not conform to the account password policy.'
const REUSED = 'Policy constraint violation with password reuse prevention during password change.'

/** The PasswordPolicyViolation IAM answers for a reused password. */
export function passwordReusedError(): Error {
  return iamError('PasswordPolicyViolation', REUSED)
}

function has(password: string, cls: keyof typeof CLASSES): boolean {
  for (const c of password) if (CLASSES[cls](c)) return true
  return false
}

/** True when `password` satisfies `policy` (or, when undefined, AWS's default policy). */
export function conformsToPolicy(password: string, policy: PasswordPolicy | undefined, accountNames: string[]): boolean {
  const length = [...password].length
  if (policy === undefined) {
    const classes = (Object.keys(CLASSES) as (keyof typeof CLASSES)[]).filter((c) => has(password, c)).length
    return length >= 8 && classes >= 3 && !accountNames.includes(password)
  }
  if (length < (policy.minimumPasswordLength ?? 6)) return false
  if (policy.requireUppercaseCharacters && !has(password, 'upper')) return false
  if (policy.requireLowercaseCharacters && !has(password, 'lower')) return false
  if (policy.requireNumbers && !has(password, 'number')) return false
  if (policy.requireSymbols && !has(password, 'symbol')) return false
  return true
}

/** Throws IAM's PasswordPolicyViolation unless `password` satisfies the policy. */
export function requireConformingPassword(password: string, policy: PasswordPolicy | undefined, accountNames: string[]): void {
  if (!conformsToPolicy(password, policy, accountNames)) throw iamError('PasswordPolicyViolation', NOT_CONFORMING)
}

/** How many earlier passwords the policy forbids reusing (0 without reuse prevention). */
export function reuseWindow(policy: PasswordPolicy | undefined): number {
  return Math.min(policy?.passwordReusePrevention ?? 0, MAX_REMEMBERED_PASSWORDS)
}

/**
 * Throws PasswordPolicyViolation when `password` is the current one or one of the
 * earlier ones the policy remembers. The hashes are checked in parallel: each costs a
 * full scrypt.
 */
export async function requireUnusedPassword(password: string, current: string, history: string[], policy: PasswordPolicy | undefined): Promise<void> {
  const window = reuseWindow(policy)
  if (window === 0) return
  const remembered = [current, ...history].slice(0, window)
  const matches = await Promise.all(remembered.map((hash) => verifyPassword(password, hash)))
  if (matches.some(Boolean)) throw passwordReusedError()
}

/** The history to store after replacing `current`: as many earlier hashes as the policy remembers besides the new one. */
export function nextHistory(current: string, history: string[], policy: PasswordPolicy | undefined): string[] {
  return [current, ...history].slice(0, Math.max(0, reuseWindow(policy) - 1))
}
