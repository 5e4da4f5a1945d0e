import type { Caller, OperationContext } from '../../server/operation.js'
import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { iamError } from '../shared/errors.js'
import { principalResourceArn } from '../shared/entities.js'
import { userOutput, type UserOutput } from './shapes.js'

interface GetUserInput {
  UserName?: string
}

// Without UserName IAM answers about the caller; only user credentials (and root) have a user.
function ownUserName(caller: Caller): string | undefined {
  return caller.kind === 'user' || caller.kind === 'session-user' ? caller.userName : undefined
}

async function resource(input: GetUserInput, ctx: OperationContext): Promise<string> {
  if (input.UserName !== undefined) return principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName)
  const own = ownUserName(ctx.caller)
  if (own !== undefined) return ctx.caller.arn
  return ctx.caller.kind === 'root' ? ctx.caller.arn : entityArn(ctx.accountId, 'user', '/', '')
}

/** GetUser: a named user, or without UserName the caller's own user (root gets the account's root identity). */
export const getUser = defineOperation({
  service: 'iam',
  name: 'GetUser',
  resource,
  handler: async (input: GetUserInput, ctx): Promise<{ User: Partial<UserOutput> }> => {
    const name = input.UserName ?? ownUserName(ctx.caller)
    if (name === undefined) {
      if (ctx.caller.kind === 'root') {
        // AWS answers root with the account as a pseudo-user: no UserName or Path.
        const account = await ctx.store.getAccount()
        return { User: { UserId: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root`, CreateDate: account?.createDate ?? ctx.now } }
      }
      throw iamError('ValidationError', 'Must specify userName when calling with non-User credentials')
    }
    const user = await ctx.store.getUser(name)
    if (user === undefined) throw iamError('NoSuchEntity', `The user with name ${name} cannot be found.`)
    return { User: userOutput(user, true) }
  }
})
