/**
 * What SimulatePrincipalPolicy and SimulateCustomPolicy share: request checks, the policies
 * passed as text, the context, paging of EvaluationResults (one per action, so pages cut the
 * ActionNames list and only the returned page is evaluated), and the run itself.
 */
import { paginate } from '../../protocol/index.js'
import type { OperationContext } from '../../server/operation.js'
import type { PrincipalPolicies } from '../../server/policy-sets.js'
import { iamError } from '../shared/errors.js'
import { contextFromEntries } from './context-entries.js'
import { boundaryInput, policyInputList, resourcePolicyInput } from './policy-inputs.js'
import { checkActionNames, checkResourceArns, checkResourceHandlingOption, parseCallerArn, resourceOwnerAccount } from './request-checks.js'
import { runSimulation } from './run-simulation.js'
import type { SimulatePolicyOutput, SimulationInput } from './shapes.js'
import { simulationSet } from './simulation-set.js'
import { simulatedPrincipal } from './subject.js'

const indexKey = (i: number): string => String(i).padStart(10, '0')

/** Simulates `input` with the stored policies of `stored` (SimulatePrincipalPolicy) or none (SimulateCustomPolicy). */
export async function simulate(ctx: OperationContext, input: SimulationInput, stored: PrincipalPolicies | undefined): Promise<SimulatePolicyOutput> {
  checkActionNames(input.ActionNames)
  if (input.ResourceArns !== undefined) checkResourceArns(input.ResourceArns)
  checkResourceHandlingOption(input.ResourceHandlingOption, input.ResourceArns ?? [])
  const owner = resourceOwnerAccount(input.ResourceOwner)
  const caller = parseCallerArn(input.CallerArn)
  const added = policyInputList(input.PolicyInputList)
  const boundary = boundaryInput(input.PermissionsBoundaryPolicyInputList)
  const resource = resourcePolicyInput(input.ResourcePolicy)
  // The resource policy's Principal element needs a caller to match (API reference, CallerArn).
  if (resource !== undefined && caller === undefined && stored?.principal.type !== 'user') {
    throw iamError('InvalidInput', 'CallerArn is required when ResourcePolicy is given and PolicySourceArn is not the ARN of an IAM user.')
  }
  const context = contextFromEntries(input.ContextEntries)
  const page = paginate(input.ActionNames.map((action, i) => ({ action, i })), (a) => indexKey(a.i), input)
  if (page instanceof Error) throw page

  const set = simulationSet({ stored, added, boundary, resource })
  const principal = await simulatedPrincipal(ctx, caller, stored)
  const results = await runSimulation(
    { set, principal, context, resources: input.ResourceArns, defaultOwner: owner ?? principal.accountId, now: ctx.now },
    page.items.map((a) => a.action)
  )
  const out: SimulatePolicyOutput = { EvaluationResults: results, IsTruncated: page.IsTruncated }
  if (page.Marker !== undefined) out.Marker = page.Marker
  return out
}
