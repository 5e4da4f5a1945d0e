import { defineOperation } from '../../server/operation.js'
import type { SimulateCustomPolicyInput, SimulatePolicyOutput } from './shapes.js'
import { simulate } from './simulate.js'

/** SimulateCustomPolicy: only the policies passed as text. Authorized as iam:SimulateCustomPolicy on `*`. */
export const simulateCustomPolicy = defineOperation({
  service: 'iam',
  name: 'SimulateCustomPolicy',
  handler: async (input: SimulateCustomPolicyInput, ctx): Promise<SimulatePolicyOutput> => simulate(ctx, input, undefined)
})
