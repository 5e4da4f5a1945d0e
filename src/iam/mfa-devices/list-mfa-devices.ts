/**
 * ListMFADevices (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListMFADevices.html):
 * the devices enabled for a user (`UserName` defaults to the caller). The root user has no
 * devices Warden knows of, so root without a UserName gets an empty list.
 */
import { defineOperation } from '../../server/operation.js'
import { targetUserArn, targetUserName } from '../access-keys/target-user.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'

export const listMfaDevices = defineOperation<ApiPageInput & { UserName?: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListMFADevices',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const name = targetUserName(ctx, input.UserName)
    if (name === undefined) return { MFADevices: [], IsTruncated: false }
    const page = await ctx.store.listMfaDevices(name, pageRequest(input))
    return {
      MFADevices: page.items.map((d) => ({ UserName: d.user!.name, SerialNumber: d.serialNumber, EnableDate: d.enableDate })),
      ...pageOutput(page)
    }
  }
})
