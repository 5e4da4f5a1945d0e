import { defineOperation } from '../server/operation.js'

/** GetCallerIdentity: never authorized; the caller exactly as AWS names it. */
export const getCallerIdentity = defineOperation({
  service: 'sts',
  name: 'GetCallerIdentity',
  skipAuthorization: true,
  handler: async (_input, ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn })
})
