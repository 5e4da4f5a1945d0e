/**
 * GetDelegationRequest and ListDelegationRequests
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetDelegationRequest.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListDelegationRequests.html).
 * A list shows only requests that have an owner in the caller's account.
 */
import { defineOperation } from '../../server/operation.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'
import { authorizedRequest } from './access.js'
import { delegationRequestOutput } from './lifecycle.js'
import { permissionCheck } from './permission-check.js'

export const getDelegationRequest = defineOperation({
  service: 'iam',
  name: 'GetDelegationRequest',
  skipAuthorization: true,
  async handler(input: { DelegationRequestId: string; DelegationPermissionCheck?: boolean }, ctx) {
    const r = await authorizedRequest(ctx, input.DelegationRequestId, 'iam:GetDelegationRequest', 'owner-may')
    const out: Record<string, unknown> = { DelegationRequest: delegationRequestOutput(r, ctx.now) }
    if (input.DelegationPermissionCheck === true) {
      out.PermissionCheckStatus = 'COMPLETE'
      out.PermissionCheckResult = await permissionCheck(ctx, r.permissionPolicy)
    }
    return out
  }
})

export const listDelegationRequests = defineOperation({
  service: 'iam',
  name: 'ListDelegationRequests',
  conditionContext: (input: { OwnerId?: string }): Record<string, string> => (input.OwnerId !== undefined ? { 'iam:DelegationRequestOwner': input.OwnerId } : {}),
  async handler(input: ApiPageInput & { OwnerId?: string }, ctx) {
    const page = await ctx.store.listDelegationRequests({
      ownerAccountId: ctx.caller.accountId,
      ...(input.OwnerId !== undefined ? { ownerId: input.OwnerId } : {}),
      ...pageRequest(input)
    })
    const { IsTruncated, Marker } = pageOutput(page)
    return {
      DelegationRequests: page.items.map((r) => delegationRequestOutput(r, ctx.now)),
      isTruncated: IsTruncated,
      ...(Marker !== undefined ? { Marker } : {})
    }
  }
})
