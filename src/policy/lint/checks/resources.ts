/**
 * Resource checks: account and Region fields that cannot be real (placeholders left in a
 * guide's policy), wildcards in the service name, ARNs that fit no resource type of their service, actions none of the
 * statement's resources fit (s3:GetObject on a bucket ARN grants nothing), and resources
 * another value already covers.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import { valuesOf, type LintContext, type LocatedValue, type StatementView } from '../context.js'
import { patternCovers, resourceFitsFormat } from '../patterns.js'
import type { LintActionInfo } from '../types.js'

const WILDCARD = /[*?]|\$\{/
const ACCOUNT_ID = /^\d{12}$/
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/

/** ARN field, resource type and redundancy checks for Resource and NotResource. */
export function checkResources(ctx: LintContext, view: StatementView): void {
  const resources = valuesOf(view, 'Resource')
  const notResources = valuesOf(view, 'NotResource')
  const wellFormed = resources.filter((v) => checkArnFields(ctx, view, v))
  for (const v of notResources) checkArnFields(ctx, view, v)
  checkRedundant(ctx, view, resources)
  checkRedundant(ctx, view, notResources)
  if (wellFormed.length > 0 && wellFormed.length === resources.length) checkResourceTypes(ctx, view, wellFormed)
}

/** Reports account, Region and format problems; false when the ARN fits no resource type of its service. */
function checkArnFields(ctx: LintContext, view: StatementView, v: LocatedValue): boolean {
  if (v.value === '*' || !v.value.startsWith('arn:')) return true
  const parts = v.value.split(':')
  if (parts.length < 6) return true // IAM's own validation reports it
  const [, , service = '', region = '', account = ''] = parts
  if (account !== '' && account !== 'aws' && !WILDCARD.test(account) && !ACCOUNT_ID.test(account)) {
    ctx.report('INVALID_ARN_ACCOUNT', v, `The resource ARN account ID ${account} is not valid. Provide a 12-digit account ID (or * for any account).`, { statement: view })
  }
  if (region !== '' && !WILDCARD.test(region) && !REGION.test(region)) {
    ctx.report('INVALID_ARN_REGION', v, `The Region ${region} is not valid for this resource. Update the resource ARN to include a supported Region (such as us-east-1) or *.`, { statement: view })
  }
  if (service !== '*' && /[*?]/.test(service)) {
    ctx.report('WILDCARD_IN_SERVICE_NAME', v, `Avoid using wildcards (*, ?) in the service name (${service}) because it might grant unintended access to other AWS services with similar names.`, { statement: view })
  }
  if (WILDCARD.test(service) || !ctx.catalog.serviceExists(service)) return true
  const types = ctx.catalog.listResourceTypes(service)
  if (types.length > 0 && !types.some((t) => resourceFitsFormat(v.value, t.arnFormat))) {
    // Show the formats that agree with the ARN's partition, service, Region and account fields.
    const head = `${parts.slice(0, 5).join(':')}:*`
    const near = types.filter((t) => resourceFitsFormat(head, t.arnFormat))
    const examples = (near.length > 0 ? near : types)
      .slice(0, 3)
      .map((t) => t.arnFormat)
      .join(', ')
    ctx.report('INVALID_ARN_RESOURCE', v, `Resource ARN ${v.value} does not match the expected ARN format of any ${service} resource type. Update the resource portion of the ARN (${service} ARNs look like ${examples}).`, { statement: view })
    return false
  }
  return true
}

/** Each action must act on at least one of the statement's resources, or the statement never applies to it. */
function checkResourceTypes(ctx: LintContext, view: StatementView, resources: LocatedValue[]): void {
  if (resources.some((r) => r.value === '*')) return
  const verb = view.statement.effect === 'Allow' ? 'allow' : 'deny'
  for (const a of valuesOf(view, 'Action')) {
    if (WILDCARD.test(a.value)) continue
    const info = ctx.catalog.getAction(a.value)
    if (info === undefined) continue
    if (info.resourceTypes.length === 0) {
      if (resources.every((r) => !WILDCARD.test(r.value))) {
        ctx.report(
          'RESOURCE_TYPE_MISMATCH',
          a,
          `${info.fullName} does not support resource-level permissions: AWS checks it against "*", so this statement does not ${verb} it. Put it in a statement with "Resource": "*".`,
          { statement: view, suggestion: '*' }
        )
      }
      continue
    }
    const formats = info.resourceTypes.filter((t) => t.arnFormat !== undefined)
    if (formats.length === 0 || resources.some((r) => formats.some((t) => resourceFitsFormat(r.value, t.arnFormat!)))) continue
    const kinds = formats.map((t) => `${t.name} (${t.arnFormat})`).join(', ')
    const suggestion = narrowerArn(ctx, info, resources) ?? s3BucketArn(info, resources)
    const hint = suggestion !== undefined ? ` Did you mean ${suggestion}?` : ''
    ctx.report(
      'RESOURCE_TYPE_MISMATCH',
      a,
      `${info.fullName} acts on ${kinds}; no Resource in this statement is one, so the statement does not ${verb} ${info.fullName}.${hint}`,
      { statement: view, suggestion }
    )
  }
}

/**
 * The ARN the author most likely meant when the action acts on a resource inside the one
 * given: an object in the bucket (`arn:aws:s3:::b` -> `arn:aws:s3:::b/*`), a stream of the
 * log group (`...:log-group:/x` -> `...:log-group:/x:log-stream:*`).
 */
function narrowerArn(ctx: LintContext, info: LintActionInfo, resources: LocatedValue[]): string | undefined {
  for (const r of resources) {
    const service = r.value.split(':')[2] ?? ''
    if (WILDCARD.test(service) || !ctx.catalog.serviceExists(service)) continue
    const fits = ctx.catalog.listResourceTypes(service).filter((t) => resourceFitsFormat(r.value, t.arnFormat))
    for (const need of info.resourceTypes) {
      const have = fits.find((t) => need.arnFormat !== undefined && need.arnFormat.length > t.arnFormat.length && need.arnFormat.startsWith(t.arnFormat))
      if (have !== undefined) return r.value + need.arnFormat!.slice(have.arnFormat.length).replace(/\$\{[^}]+\}/g, '*')
    }
  }
  return undefined
}

/** The bucket ARN for a bucket action given an object ARN (`arn:aws:s3:::b/*` -> `arn:aws:s3:::b`). */
function s3BucketArn(info: LintActionInfo, resources: LocatedValue[]): string | undefined {
  if (!info.resourceTypes.some((t) => t.name === 'bucket')) return undefined
  for (const r of resources) {
    const m = /^arn:([^:]+):s3:::([^/]+)\/.*$/.exec(r.value)
    if (m !== null) return `arn:${m[1]}:s3:::${m[2]}`
  }
  return undefined
}

function checkRedundant(ctx: LintContext, view: StatementView, values: LocatedValue[]): void {
  values.forEach((v, i) => {
    const cover = values.find((other, j) => j !== i && patternCovers(other.value, v.value, false) && (j < i || !patternCovers(v.value, other.value, false)))
    if (cover === undefined) return
    ctx.report('REDUNDANT_RESOURCE', v, `The resource ARN ${v.value} is redundant because ${cover.value} already references it. Review the use of wildcards (*).`, { statement: view })
  })
}
