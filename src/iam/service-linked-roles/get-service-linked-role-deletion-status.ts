/**
 * GetServiceLinkedRoleDeletionStatus
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLinkedRoleDeletionStatus.html).
 */
import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'

// task/aws-service-role/<service>/<role>/<uuid>
const TASK_ID = /^task(\/aws-service-role\/[^/]+\/)([^/]+)\/[^/]+$/

export const getServiceLinkedRoleDeletionStatus = defineOperation<{ DeletionTaskId: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'GetServiceLinkedRoleDeletionStatus',
  // The task names the role it deletes; the action is authorized on that role's ARN.
  resource: (input, ctx) => {
    const m = TASK_ID.exec(input.DeletionTaskId)
    return m ? `arn:aws:iam::${ctx.accountId}:role${m[1]}${m[2]}` : '*'
  },
  async handler(input, ctx) {
    if (!TASK_ID.test(input.DeletionTaskId)) throw iamError('InvalidInput', `Invalid deletion task id: ${input.DeletionTaskId}`)
    const task = await ctx.store.getDeletionTask(input.DeletionTaskId)
    if (task === undefined) throw iamError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`)
    const out: Record<string, unknown> = { Status: task.status }
    if (task.reason !== undefined) {
      const reason: Record<string, unknown> = {}
      if (task.reason.reason !== undefined) reason.Reason = task.reason.reason
      if (task.reason.roleUsageList !== undefined) {
        reason.RoleUsageList = task.reason.roleUsageList.map((u) => ({
          ...(u.region !== undefined ? { Region: u.region } : {}),
          ...(u.resources !== undefined ? { Resources: u.resources } : {})
        }))
      }
      out.Reason = reason
    }
    return out
  }
})
