import type { ContextValue } from '../../eval/index.js'
import { defineOperation } from '../../server/operation.js'
import { requireBoundaryPolicy } from '../shared/boundary.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'

/** PutUserPermissionsBoundary: the boundary must be an existing customer or attachable AWS managed policy. */
export const putUserPermissionsBoundary = defineOperation({
  service: 'iam',
  name: 'PutUserPermissionsBoundary',
  resource: (input: { UserName: string; PermissionsBoundary: string }, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName),
  conditionContext: (input: { UserName: string; PermissionsBoundary: string }) => ({ 'iam:PermissionsBoundary': input.PermissionsBoundary }),
  handler: async (input: { UserName: string; PermissionsBoundary: string }, ctx) => {
    if ((await ctx.store.getUser(input.UserName)) === undefined) {
      throw iamError('NoSuchEntity', `The user with name ${input.UserName} cannot be found.`)
    }
    await requireBoundaryPolicy(ctx.store, ctx.accountId, input.PermissionsBoundary)
    await ctx.store.setUserPermissionsBoundary(input.UserName, input.PermissionsBoundary)
    return undefined
  }
})

/** DeleteUserPermissionsBoundary: iam:PermissionsBoundary is the boundary being removed. */
export const deleteUserPermissionsBoundary = defineOperation({
  service: 'iam',
  name: 'DeleteUserPermissionsBoundary',
  resource: (input: { UserName: string }, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName),
  conditionContext: async (input: { UserName: string }, ctx): Promise<Record<string, ContextValue>> => {
    const arn = (await ctx.store.getUser(input.UserName))?.permissionsBoundaryArn
    return arn === undefined ? {} : { 'iam:PermissionsBoundary': arn }
  },
  handler: async (input: { UserName: string }, ctx) => {
    await ctx.store.setUserPermissionsBoundary(input.UserName, undefined)
    return undefined
  }
})
