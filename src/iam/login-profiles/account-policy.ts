/** What a new password is checked against: the account's password policy and names. */
import { hashPassword } from '../../auth/password-hash.js'
import type { OperationContext } from '../../server/operation.js'
import { isStoreError, type LoginProfileRecord, type PasswordPolicy } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { nextHistory, requireConformingPassword, requireUnusedPassword } from './password-rules.js'

export interface PasswordContext {
  policy: PasswordPolicy | undefined
  /** The account id and alias: AWS's default policy refuses them as passwords. */
  accountNames: string[]
}

/** The account's password policy and names, read once per request. */
export async function passwordContext(ctx: OperationContext): Promise<PasswordContext> {
  const account = await ctx.store.getAccount()
  const names = [ctx.accountId, ...(account?.alias !== undefined ? [account.alias] : [])]
  return { policy: account?.passwordPolicy, accountNames: names }
}

/** The LoginProfile output shape. */
export function loginProfileOutput(p: LoginProfileRecord): { UserName: string; CreateDate: Date; PasswordResetRequired: boolean } {
  return { UserName: p.userName, CreateDate: p.createDate, PasswordResetRequired: p.passwordResetRequired }
}

/** The user's login profile, or IAM's NoSuchEntity. */
export async function requireLoginProfile(ctx: OperationContext, userName: string): Promise<LoginProfileRecord> {
  const profile = await ctx.store.getLoginProfile(userName)
  if (profile === undefined) throw iamError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`)
  return profile
}

/**
 * Replaces the profile's password with `password` once it meets the policy and is not a
 * remembered one. The store applies it only if no other change committed meanwhile;
 * otherwise IAM's EntityTemporarilyUnmodifiable.
 */
export async function replacePassword(ctx: OperationContext, profile: LoginProfileRecord, password: string, passwordResetRequired: boolean | undefined): Promise<void> {
  const { policy, accountNames } = await passwordContext(ctx)
  requireConformingPassword(password, policy, accountNames)
  await requireUnusedPassword(password, profile.passwordHash, profile.passwordHistory, policy)
  try {
    await ctx.store.updateLoginProfile(profile.userName, {
      passwordHash: await hashPassword(password),
      passwordHistory: nextHistory(profile.passwordHash, profile.passwordHistory, policy),
      ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
      ifPasswordHash: profile.passwordHash
    })
  } catch (err) {
    if (isStoreError(err, 'Conflict')) {
      throw iamError('EntityTemporarilyUnmodifiable', `Login Profile for User ${profile.userName} cannot be modified while another password change is in progress.`)
    }
    throw err
  }
}
