/**
 * CreateDelegationRequest (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateDelegationRequest.html).
 * AWS serves it only to onboarded partners; Warden has no partner onboarding, so any
 * principal whose policies allow iam:CreateDelegationRequest may create one, and a policy
 * template is a managed policy of the account (docs/delegation.md).
 */
import { pooledRandomBytes } from '../../auth/random-bytes.js'
import { parsePolicy } from '../../policy/index.js'
import { defineOperation } from '../../server/operation.js'
import type { DelegationPolicyParameter } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { delegationRequestArn } from './access.js'
import { expiryFor } from './lifecycle.js'
import { renderPolicyTemplate } from './template.js'

interface CreateDelegationRequestInput {
  OwnerAccountId?: string
  Description: string
  Permissions: { PolicyTemplateArn?: string; Parameters?: { Name?: string; Values?: string[]; Type?: 'string' | 'stringList' }[] }
  RequestMessage?: string
  RequestorWorkflowId: string
  RedirectUrl?: string
  NotificationChannel: string
  SessionDuration: number
  OnlySendByOwner?: boolean
}

/** SNS topic ARNs, the only channel AWS accepts. */
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/

/** A new request id: `dr-` and 24 hex digits (the model's `[\w-]+`, 16 to 128 characters). */
export function newDelegationRequestId(): string {
  return `dr-${pooledRandomBytes(12).toString('hex')}`
}

function parameters(input: CreateDelegationRequestInput): DelegationPolicyParameter[] {
  return (input.Permissions.Parameters ?? []).map((p, i) => {
    if (p.Name === undefined || p.Values === undefined || p.Type === undefined) {
      throw iamError('InvalidInput', `Permissions.Parameters.member.${i + 1} must have a Name, Values and a Type.`)
    }
    return { name: p.Name, values: p.Values, type: p.Type }
  })
}

export const createDelegationRequest = defineOperation({
  service: 'iam',
  name: 'CreateDelegationRequest',
  // The resource is the request's own ARN, known once its id is drawn: the handler authorizes.
  skipAuthorization: true,
  async handler(input: CreateDelegationRequestInput, ctx) {
    const id = newDelegationRequestId()
    const templateArn = input.Permissions.PolicyTemplateArn
    await ctx.authorize('iam:CreateDelegationRequest', delegationRequestArn(ctx.accountId, id), {
      'iam:DelegationDuration': String(input.SessionDuration),
      'iam:NotificationChannel': input.NotificationChannel,
      ...(templateArn !== undefined ? { 'iam:TemplateArn': templateArn } : {})
    })
    if (templateArn === undefined) throw iamError('InvalidInput', 'Permissions.PolicyTemplateArn is required.')
    if (!SNS_TOPIC_ARN.test(input.NotificationChannel)) {
      throw iamError('InvalidInput', `Invalid NotificationChannel ${input.NotificationChannel}: it must be the ARN of an SNS topic.`)
    }
    const params = parameters(input)
    const template = await ctx.policySets.managedPolicyDocument(templateArn)
    if (template === undefined) throw iamError('InvalidInput', `Policy template ${templateArn} does not exist.`)
    const rendered = renderPolicyTemplate(template, params)
    if (!rendered.ok) throw iamError('InvalidInput', rendered.message)
    const parsed = parsePolicy(rendered.text, { kind: 'identity', sizeLimit: 'none' })
    if (!parsed.policy || parsed.problems.length > 0) {
      throw iamError('InvalidInput', `The rendered policy is not valid: ${parsed.message ?? 'Syntax errors in policy.'}`)
    }
    await ctx.store.createDelegationRequest({
      id,
      requestorAccountId: ctx.accountId,
      requestorArn: ctx.caller.arn,
      requestorWorkflowId: input.RequestorWorkflowId,
      ...(input.OwnerAccountId !== undefined ? { ownerAccountId: input.OwnerAccountId } : {}),
      description: input.Description,
      ...(input.RequestMessage !== undefined ? { requestMessage: input.RequestMessage } : {}),
      policyTemplateArn: templateArn,
      parameters: params,
      permissionPolicy: rendered.text,
      ...(input.RedirectUrl !== undefined ? { redirectUrl: input.RedirectUrl } : {}),
      notificationChannel: input.NotificationChannel,
      sessionDuration: input.SessionDuration,
      onlySendByOwner: input.OnlySendByOwner ?? false,
      state: 'UNASSIGNED',
      createDate: ctx.now,
      updatedTime: ctx.now,
      expirationTime: expiryFor('UNASSIGNED', ctx.now, input.SessionDuration)
    })
    return { DelegationRequestId: id }
  }
})
