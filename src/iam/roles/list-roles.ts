/** ListRoles (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html). */
import { defineOperation } from '../../server/operation.js'
import { pageOutput, pathPageRequest } from '../shared/paging.js'
import { roleOutput } from './role-output.js'

export type ListRolesRequest = { PathPrefix?: string; Marker?: string; MaxItems?: number }

export const listRoles = defineOperation<ListRolesRequest, Record<string, unknown>>({
  service: 'iam',
  name: 'ListRoles',
  async handler(input, ctx) {
    const page = await ctx.store.listRoles(pathPageRequest(input))
    return { Roles: page.items.map((r) => roleOutput(r, 'list')), ...pageOutput(page) }
  }
})
