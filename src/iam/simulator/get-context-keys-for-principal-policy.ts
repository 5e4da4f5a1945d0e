import { defineOperation } from '../../server/operation.js'
import { contextKeysOf } from './context-keys.js'
import { policyInputList } from './policy-inputs.js'
import type { GetContextKeysOutput } from './shapes.js'
import { loadPolicySource } from './subject.js'

interface GetContextKeysForPrincipalPolicyInput {
  PolicySourceArn: string
  PolicyInputList?: string[]
}

/**
 * GetContextKeysForPrincipalPolicy: the keys referenced by the policies attached to the user
 * (and its groups), group or role, then by PolicyInputList. Authorized as
 * iam:GetContextKeysForPrincipalPolicy on the PolicySourceArn.
 */
export const getContextKeysForPrincipalPolicy = defineOperation({
  service: 'iam',
  name: 'GetContextKeysForPrincipalPolicy',
  resource: (input: GetContextKeysForPrincipalPolicyInput) => input.PolicySourceArn,
  handler: async (input: GetContextKeysForPrincipalPolicyInput, ctx): Promise<GetContextKeysOutput> => {
    const stored = await loadPolicySource(ctx, input.PolicySourceArn)
    const added = policyInputList(input.PolicyInputList)
    const policies = [...stored.inputs.identity, ...added.map((a) => a.input)].map((i) => i.policy)
    return { ContextKeyNames: contextKeysOf(policies) }
  }
})
