import { listAwsManagedPolicies, type AwsManagedPolicy } from '../../catalog/index.js'
import { invalidMarker } from '../../protocol/index.js'
import { defineOperation } from '../../server/operation.js'
import type { AwsPolicyUsage, ListPoliciesRequest, Store } from '../../store/index.js'
import { awsPolicyView, customerPolicyView, policyOutput, type ManagedPolicyView } from './managed-policy-view.js'

interface ListPoliciesInput {
  Scope?: 'All' | 'AWS' | 'Local'
  OnlyAttached?: boolean
  PathPrefix?: string
  PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary'
  Marker?: string
  MaxItems?: number
}

/** Where a listing stopped: inside the customer policies (with the store's marker) or after an AWS managed ARN. */
type Cursor = { phase: 'local'; storeMarker?: string } | { phase: 'aws'; afterArn?: string }

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')
}

function decodeCursor(marker: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as Cursor
    if (value.phase === 'local' || value.phase === 'aws') return value
  } catch {
    // fall through: not a marker this operation issued
  }
  throw invalidMarker()
}

function isUsed(usage: AwsPolicyUsage | undefined, filter: ListPoliciesInput['PolicyUsageFilter']): boolean {
  if (usage === undefined) return false
  if (filter === 'PermissionsPolicy') return usage.attachmentCount > 0
  if (filter === 'PermissionsBoundary') return usage.permissionsBoundaryUsageCount > 0
  return usage.attachmentCount > 0 || usage.permissionsBoundaryUsageCount > 0
}

/** AWS managed policies the listing shows, ordered by ARN: deprecated ones only while something still uses them. */
async function awsCandidates(store: Store, input: ListPoliciesInput): Promise<ManagedPolicyView[]> {
  const usage = new Map((await store.listAwsPolicyUsage()).map((u) => [u.policyArn, u]))
  const all: AwsManagedPolicy[] = await listAwsManagedPolicies(input.PathPrefix !== undefined ? { pathPrefix: input.PathPrefix } : {})
  const views: ManagedPolicyView[] = []
  for (const p of all) {
    const u = usage.get(p.arn)
    if (input.OnlyAttached === true ? !isUsed(u, input.PolicyUsageFilter) : p.deprecated && !isUsed(u, undefined)) continue
    views.push(awsPolicyView(p, u))
  }
  return views
}

/**
 * ListPolicies: customer managed policies (Scope Local, from the store, by name) and AWS
 * managed ones (Scope AWS, from the catalog snapshot with this account's usage counts, by
 * ARN); Scope All (the default) lists the customer policies first, then the AWS ones.
 * PolicyUsageFilter narrows OnlyAttached to attachments or boundary use. The Marker
 * records which of the two lists a page stopped in.
 */
export const listPolicies = defineOperation({
  service: 'iam',
  name: 'ListPolicies',
  handler: async (input: ListPoliciesInput, ctx) => {
    const scope = input.Scope ?? 'All'
    const size = input.MaxItems ?? 100
    let cursor: Cursor = input.Marker !== undefined ? decodeCursor(input.Marker) : scope === 'AWS' ? { phase: 'aws' } : { phase: 'local' }
    if ((scope === 'AWS' && cursor.phase === 'local') || (scope === 'Local' && cursor.phase === 'aws')) throw invalidMarker()
    const items: ManagedPolicyView[] = []
    if (cursor.phase === 'local') {
      const request: ListPoliciesRequest = { maxItems: size }
      if (cursor.storeMarker !== undefined) request.marker = cursor.storeMarker
      if (input.PathPrefix !== undefined) request.pathPrefix = input.PathPrefix
      if (input.OnlyAttached === true) request.onlyAttached = true
      if (input.PolicyUsageFilter !== undefined) request.policyUsageFilter = input.PolicyUsageFilter
      const page = await ctx.store.listPolicies(request)
      items.push(...page.items.map(customerPolicyView))
      if (page.isTruncated && page.marker !== undefined) {
        return { Policies: items.map((v) => policyOutput(v, false)), IsTruncated: true, Marker: encodeCursor({ phase: 'local', storeMarker: page.marker }) }
      }
      if (scope === 'Local') return { Policies: items.map((v) => policyOutput(v, false)), IsTruncated: false }
      cursor = { phase: 'aws' }
    }
    const after = cursor.afterArn
    const candidates = (await awsCandidates(ctx.store, input)).filter((v) => after === undefined || v.arn > after)
    const room = size - items.length
    const taken = candidates.slice(0, room)
    items.push(...taken)
    const out = { Policies: items.map((v) => policyOutput(v, false)) }
    if (candidates.length <= room) return { ...out, IsTruncated: false }
    const last = taken[taken.length - 1]
    return { ...out, IsTruncated: true, Marker: encodeCursor(last === undefined ? (after === undefined ? { phase: 'aws' } : { phase: 'aws', afterArn: after }) : { phase: 'aws', afterArn: last.arn }) }
  }
})
