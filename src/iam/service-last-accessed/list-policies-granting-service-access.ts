/**
 * ListPoliciesGrantingServiceAccess (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPoliciesGrantingServiceAccess.html):
 * per requested service namespace, the permissions policies of a user (its own and its
 * groups'), group or role that allow some action of it: managed ones by name and ARN,
 * inline ones by name and the user, group or role holding them.
 */
import { defineOperation } from '../../server/operation.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { AllowedActions } from './allowed-actions.js'
import { resolveTarget, type TargetPolicy } from './target.js'

interface Input {
  Arn: string
  ServiceNamespaces: string[]
  Marker?: string
}

/** At most this many namespaces per page: the most one request may name, so one page holds them all. */
const PAGE_SIZE = 200

function policyOutput(p: TargetPolicy): Record<string, string> {
  const out: Record<string, string> = { PolicyName: p.policyName, PolicyType: p.policyType }
  if (p.policyArn !== undefined) out.PolicyArn = p.policyArn
  if (p.entityType !== undefined && p.entityName !== undefined) {
    out.EntityType = p.entityType
    out.EntityName = p.entityName
  }
  return out
}

export const listPoliciesGrantingServiceAccess = defineOperation<Input, Record<string, unknown>>({
  service: 'iam',
  name: 'ListPoliciesGrantingServiceAccess',
  resource: (input) => input.Arn,
  async handler(input, ctx) {
    const target = await resolveTarget(ctx.store, ctx.accountId, input.Arn, false)
    const grants = target.policies.map((p) => ({ p, allowed: new AllowedActions([p.policy]) }))
    const page = pageInMemory(input.ServiceNamespaces, input.Marker, PAGE_SIZE)
    return {
      PoliciesGrantingServiceAccess: page.items.map((ns) => ({
        ServiceNamespace: ns,
        Policies: grants.filter((g) => g.allowed.allowsService(ns.toLowerCase())).map((g) => policyOutput(g.p))
      })),
      ...pageOutput(page)
    }
  }
})
