/**
 * ListVirtualMFADevices (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html):
 * every virtual device of the account, filtered by AssignmentStatus, with its user when
 * assigned; never the seed.
 */
import { defineOperation } from '../../server/operation.js'
import type { MfaAssignmentStatus } from '../../store/index.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'
import { virtualMfaDeviceOutput } from './mfa-resource.js'

export const listVirtualMfaDevices = defineOperation<ApiPageInput & { AssignmentStatus?: MfaAssignmentStatus }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListVirtualMFADevices',
  async handler(input, ctx) {
    const page = await ctx.store.listVirtualMfaDevices({ ...pageRequest(input), assignmentStatus: input.AssignmentStatus ?? 'Any' })
    return { VirtualMFADevices: page.items.map(virtualMfaDeviceOutput), ...pageOutput(page) }
  }
})
