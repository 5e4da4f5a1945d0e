import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { requireBoundaryPolicy } from '../shared/boundary.js'
import { requestTagContext, toStoreTags, type ApiTag } from '../shared/tags.js'
import { userOutput } from './shapes.js'

interface CreateUserInput {
  UserName: string
  Path?: string
  PermissionsBoundary?: string
  Tags?: ApiTag[]
}

/** CreateUser: authorized on the new user's ARN (with its path), with tag and boundary condition keys. */
export const createUser = defineOperation({
  service: 'iam',
  name: 'CreateUser',
  createsResource: true,
  resource: (input: CreateUserInput, ctx) => entityArn(ctx.accountId, 'user', input.Path ?? '/', input.UserName),
  conditionContext: (input: CreateUserInput) => ({
    ...requestTagContext(input.Tags),
    ...(input.PermissionsBoundary !== undefined ? { 'iam:PermissionsBoundary': input.PermissionsBoundary } : {})
  }),
  handler: async (input: CreateUserInput, ctx) => {
    if (input.PermissionsBoundary !== undefined) await requireBoundaryPolicy(ctx.store, ctx.accountId, input.PermissionsBoundary)
    const user = await ctx.store.createUser({
      name: input.UserName,
      path: input.Path ?? '/',
      tags: toStoreTags(input.Tags),
      ...(input.PermissionsBoundary !== undefined ? { permissionsBoundaryArn: input.PermissionsBoundary } : {})
    })
    return { User: userOutput(user, true) }
  }
})
