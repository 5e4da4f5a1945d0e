/**
 * iam:PassRole checks. Passing a role hands its permissions to a service; allowing it on
 * every role, or to every service, lets a principal borrow any role's permissions through
 * EC2, Lambda or SageMaker. Access Analyzer's security warnings, plus a Warden warning for
 * PassRole on named roles without `iam:PassedToService`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
import { clausesOf, elementOf, grantsPermissions, valuesOf, type LintContext, type StatementView } from '../context.js'
import { patternMatches, resourceFitsFormat } from '../patterns.js'

const PASS_ROLE = 'iam:PassRole'
const ROLE_ARN = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'
const WIDER =
  'can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.'

/** PassRole with wildcards, NotAction / NotResource, or without iam:PassedToService. */
export function checkPassRole(ctx: LintContext, view: StatementView): void {
  const { statement } = view
  if (statement.effect !== 'Allow' || !grantsPermissions(ctx.kind)) return
  const actions = valuesOf(view, 'Action')
  const exact = actions.some((a) => a.value.toLowerCase() === PASS_ROLE.toLowerCase())
  const starAction = actions.some((a) => a.value.toLowerCase() !== PASS_ROLE.toLowerCase() && patternMatches(a.value, PASS_ROLE, true))
  const notAction = statement.notAction !== undefined && !statement.notAction.some((a) => patternMatches(a, PASS_ROLE, true))
  if (!exact && !starAction && !notAction) return
  const passedToService = clausesOf(view).some((c) => c.clause.key.toLowerCase() === 'iam:passedtoservice')

  const notResource = elementOf(view, 'NotResource')
  if (notResource !== undefined) {
    if (notAction) {
      ctx.report('PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', notResource, 'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.', { statement: view })
    } else if (exact) {
      ctx.report('PASS_ROLE_WITH_NOT_RESOURCE', notResource, 'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.', { statement: view })
    } else {
      ctx.report('PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', notResource, 'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.', { statement: view })
    }
    return
  }

  const resource = elementOf(view, 'Resource')
  const roles = valuesOf(view, 'Resource').filter((r) => r.value === '*' || resourceFitsFormat(r.value, ROLE_ARN))
  if (resource === undefined || roles.length === 0) return
  const starResource = roles.some((r) => r.value.includes('*'))
  if (starResource && !passedToService) {
    if (notAction) ctx.report('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', resource, `Using a resource with wildcards (*) and NotAction ${WIDER}`, { statement: view })
    else if (exact) ctx.report('PASS_ROLE_WITH_STAR_IN_RESOURCE', resource, `Using the iam:PassRole action with wildcards (*) in the resource ${WIDER}`, { statement: view })
    else ctx.report('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', resource, `Using wildcards (*) in the action and the resource ${WIDER.replace('on multiple resources', 'on all resources')}`, { statement: view })
    return
  }
  if (!starResource && !passedToService) {
    const names = roles.map((r) => r.value.slice(r.value.indexOf(':role/') + 6)).join(', ')
    ctx.report(
      'PASS_ROLE_WITHOUT_PASSED_TO_SERVICE',
      resource,
      `This statement lets the principal pass ${names} to any AWS service (EC2, Lambda, SageMaker, ...). Add "Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}} naming the service the role is for.`,
      { statement: view }
    )
  }
}
