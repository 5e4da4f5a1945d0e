import { defineOperation } from '../../server/operation.js'
import { contextKeysOf } from './context-keys.js'
import { policyInputList } from './policy-inputs.js'
import type { GetContextKeysOutput } from './shapes.js'

interface GetContextKeysForCustomPolicyInput {
  PolicyInputList: string[]
}

/** GetContextKeysForCustomPolicy: the keys the given policies reference. Authorized as iam:GetContextKeysForCustomPolicy on `*`. */
export const getContextKeysForCustomPolicy = defineOperation({
  service: 'iam',
  name: 'GetContextKeysForCustomPolicy',
  handler: async (input: GetContextKeysForCustomPolicyInput): Promise<GetContextKeysOutput> => ({
    ContextKeyNames: contextKeysOf(policyInputList(input.PolicyInputList).map((a) => a.input.policy))
  })
})
