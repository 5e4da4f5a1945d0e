/**
 * The user an access-key call acts on: `UserName` when given, else the caller's own IAM
 * user, as AWS determines it from the signing key
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html).
 */
import type { OperationContext } from '../../server/operation.js'
import type { UserRecord } from '../../store/index.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'

/** The user name a call targets, or undefined when the caller is not an IAM user and named none. */
export function targetUserName(ctx: OperationContext, userName: string | undefined): string | undefined {
  if (userName !== undefined) return userName
  return ctx.caller.kind === 'user' || ctx.caller.kind === 'session-user' ? ctx.caller.userName : undefined
}

/** The ARN the call is authorized on: the target user's ARN (with its path when it exists). */
export async function targetUserArn(ctx: OperationContext, userName: string | undefined): Promise<string> {
  const name = targetUserName(ctx, userName)
  if (name === undefined) return ctx.caller.arn
  return principalResourceArn(ctx.store, ctx.accountId, 'user', name)
}

/**
 * The target user, NoSuchEntity when it does not exist, ValidationError when a caller
 * that is not an IAM user names none (Warden keeps no root access keys).
 */
export async function requireTargetUser(ctx: OperationContext, userName: string | undefined): Promise<UserRecord> {
  const name = targetUserName(ctx, userName)
  if (name === undefined) throw iamError('ValidationError', 'Must specify userName when calling with non-User credentials')
  const user = await ctx.store.getUser(name)
  if (user === undefined) throw iamError('NoSuchEntity', `The user with name ${name} cannot be found.`)
  return user
}
