import { defineOperation } from '../server/operation.js'

/** GetAccessKeyInfo: the account an access key belongs to; Warden holds one account. */
export const getAccessKeyInfo = defineOperation({
  service: 'sts',
  name: 'GetAccessKeyInfo',
  handler: async (_input, ctx) => ({ Account: ctx.accountId })
})
