import { defineOperation } from '../../server/operation.js'
import type { SimulatePolicyOutput, SimulatePrincipalPolicyInput } from './shapes.js'
import { simulate } from './simulate.js'
import { loadPolicySource } from './subject.js'

/**
 * SimulatePrincipalPolicy: a user's own, group and attached policies (or a role's or a group's),
 * with PolicyInputList added and the boundary replaced by PermissionsBoundaryPolicyInputList
 * when given. Authorized as iam:SimulatePrincipalPolicy on the PolicySourceArn.
 */
export const simulatePrincipalPolicy = defineOperation({
  service: 'iam',
  name: 'SimulatePrincipalPolicy',
  resource: (input: SimulatePrincipalPolicyInput) => input.PolicySourceArn,
  handler: async (input: SimulatePrincipalPolicyInput, ctx): Promise<SimulatePolicyOutput> =>
    simulate(ctx, input, await loadPolicySource(ctx, input.PolicySourceArn))
})
