/**
 * Validates one statement object and builds its model. Which elements are required or
 * prohibited depends on the policy kind.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import type { ConditionClause, Effect, PolicyKind, PrincipalSpec, Statement } from './model.js'
import { getMember, type JsonNode, type JsonObjectNode } from './json-source.js'
import { MSG, STAGE, msgProhibitedField, msgUnknownField } from './messages.js'
import { describeNode, pathKey } from './problems.js'
import {
  checkActions,
  checkResources,
  checkTrustActions,
  readCondition,
  readPrincipal,
  readStringList,
  type ElementContext
} from './validate-elements.js'

const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'])

/** Kinds written in the identity-policy grammar: no Principal, Resource required. */
export function isIdentityGrammar(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'boundary' || kind === 'session' || kind === 'scp'
}

/** IAM and STS check resource ARNs; Organizations and resource services have their own rules. */
function checksResourceArns(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'boundary' || kind === 'session'
}

/** IAM restricts Sids to ASCII letters and digits; S3, KMS and others allow more. */
function requiresAlphanumericSid(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'boundary' || kind === 'session' || kind === 'trust'
}

const ALPHANUMERIC = /^[0-9A-Za-z]*$/

/** The message IAM gives for an element it does not know. */
export function unknownFieldMessage(kind: PolicyKind, field: string): string {
  return kind === 'trust' ? msgUnknownField(field) : MSG.syntax
}

/** Validates the statement at `path`; returns its model or undefined when it has problems. */
export function validateStatement(ctx: ElementContext, node: JsonNode, path: string, index: number): Statement | undefined {
  const { problems, kind } = ctx
  if (node.type !== 'object') {
    problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', path, node, MSG.syntax, `a statement must be an object, not ${describeNode(node)}`)
    return undefined
  }
  const before = problems.count
  for (const member of node.members) {
    if (!STATEMENT_ELEMENTS.has(member.key)) {
      problems.add(STAGE.syntax, 'INVALID_POLICY_ELEMENT', pathKey(path, member.key), member.keyRange, unknownFieldMessage(kind, member.key), `unknown statement element \`${member.key}\``)
    }
  }

  const sid = readSid(ctx, node, path)
  const effect = readEffect(ctx, node, path)

  const action = getMember(node, 'Action')
  const notAction = getMember(node, 'NotAction')
  const resource = getMember(node, 'Resource')
  const notResource = getMember(node, 'NotResource')
  if (action !== undefined && notAction !== undefined) {
    problems.add(STAGE.syntax, 'UNSUPPORTED_ELEMENT_COMBINATION', pathKey(path, 'NotAction'), notAction.keyRange, MSG.syntax, 'a statement cannot have both `Action` and `NotAction`')
  }
  if (resource !== undefined && notResource !== undefined) {
    problems.add(STAGE.syntax, 'UNSUPPORTED_ELEMENT_COMBINATION', pathKey(path, 'NotResource'), notResource.keyRange, MSG.syntax, 'a statement cannot have both `Resource` and `NotResource`')
  }

  const actions = action && readStringList(ctx, action.value, pathKey(path, 'Action'), 'Action')
  const notActions = notAction && readStringList(ctx, notAction.value, pathKey(path, 'NotAction'), 'NotAction')
  const resources = resource && readStringList(ctx, resource.value, pathKey(path, 'Resource'), 'Resource')
  const notResources = notResource && readStringList(ctx, notResource.value, pathKey(path, 'NotResource'), 'NotResource')

  const actionLike = actions ?? notActions
  if ((action === undefined && notAction === undefined) || (actionLike !== undefined && actionLike.values.length === 0)) {
    const missingAt = action ?? notAction
    problems.add(STAGE.actions, 'MISSING_ACTION', missingAt ? pathKey(path, missingAt.key) : path, missingAt ? missingAt.value.range : node.range, MSG.actions, 'a statement needs a non-empty `Action` or `NotAction`')
  }
  if (action && actions) checkActions(ctx, actions, pathKey(path, 'Action'), action.value.type === 'string')
  if (notAction && notActions) checkActions(ctx, notActions, pathKey(path, 'NotAction'), notAction.value.type === 'string')
  if (checksResourceArns(kind)) {
    if (resource && resources) checkResources(ctx, resources, pathKey(path, 'Resource'), resource.value.type === 'string')
    if (notResource && notResources) checkResources(ctx, notResources, pathKey(path, 'NotResource'), notResource.value.type === 'string')
  }

  const principal = getMember(node, 'Principal')
  const notPrincipal = getMember(node, 'NotPrincipal')
  let principalSpec: PrincipalSpec | undefined
  let notPrincipalSpec: PrincipalSpec | undefined
  if (isIdentityGrammar(kind)) {
    for (const m of [principal, notPrincipal]) {
      if (m !== undefined) problems.add(STAGE.principal, 'UNSUPPORTED_PRINCIPAL', pathKey(path, m.key), m.keyRange, MSG.principalNotAllowed, `\`${m.key}\` is only allowed in resource-based and trust policies`)
    }
  } else {
    if (principal !== undefined && notPrincipal !== undefined) {
      problems.add(STAGE.syntax, 'UNSUPPORTED_ELEMENT_COMBINATION', pathKey(path, 'NotPrincipal'), notPrincipal.keyRange, MSG.syntax, 'a statement cannot have both `Principal` and `NotPrincipal`')
    }
    if (principal) principalSpec = readPrincipal(ctx, principal.value, pathKey(path, 'Principal'), 'Principal')
    if (notPrincipal) notPrincipalSpec = readPrincipal(ctx, notPrincipal.value, pathKey(path, 'NotPrincipal'), 'NotPrincipal')
    checkPrincipalPresence(ctx, node, path, principalSpec ?? notPrincipalSpec, principal === undefined && notPrincipal === undefined)
  }

  const resourceLike = resources ?? notResources
  if (kind === 'trust') {
    const actionMember = action ?? notAction
    if (actionMember !== undefined && actionLike !== undefined) {
      // NotAction is no use here: IAM only accepts an explicit list of STS actions.
      checkTrustActions(ctx, actions, actionMember.value, pathKey(path, actionMember.key), actionMember.value.type === 'string')
    }
    for (const m of [resource, notResource]) {
      if (m !== undefined) problems.add(STAGE.kindRules, 'INVALID_POLICY_ELEMENT', pathKey(path, m.key), m.keyRange, msgProhibitedField(m.key), `a trust policy applies to the role itself: remove \`${m.key}\``)
    }
  } else if ((resource === undefined && notResource === undefined) || (resourceLike !== undefined && resourceLike.values.length === 0)) {
    const missingAt = resource ?? notResource
    const message = kind === 'resource' && missingAt === undefined ? 'Missing required field Resource' : MSG.resources
    problems.add(STAGE.kindRules, 'MISSING_RESOURCE', missingAt ? pathKey(path, missingAt.key) : path, missingAt ? missingAt.value.range : node.range, message, 'a statement needs a non-empty `Resource` or `NotResource`')
  }

  const condition = getMember(node, 'Condition')
  let conditions: ConditionClause[] | undefined = []
  if (condition !== undefined) conditions = readCondition(ctx, condition.value, pathKey(path, 'Condition'))

  if (problems.count !== before || effect === undefined || conditions === undefined) return undefined
  return {
    index,
    sid,
    effect,
    action: actions?.values,
    notAction: notActions?.values,
    resource: resources?.values,
    notResource: notResources?.values,
    principal: principalSpec,
    notPrincipal: notPrincipalSpec,
    conditions,
    range: problems.withRanges ? node.range : undefined
  }
}

function readSid(ctx: ElementContext, node: JsonObjectNode, path: string): string | undefined {
  const m = getMember(node, 'Sid')
  if (m === undefined) return undefined
  const sidPath = pathKey(path, 'Sid')
  if (m.value.type !== 'string') {
    ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', sidPath, m.value, MSG.syntax, `\`Sid\` must be a string, not ${describeNode(m.value)}`)
    return undefined
  }
  if (requiresAlphanumericSid(ctx.kind) && !ALPHANUMERIC.test(m.value.value)) {
    ctx.problems.at(STAGE.sid, 'UNSUPPORTED_SID', sidPath, m.value, MSG.sidAlphanumeric, `Sid \`${m.value.value}\` may only contain ASCII letters and digits`)
  }
  return m.value.value
}

function readEffect(ctx: ElementContext, node: JsonObjectNode, path: string): Effect | undefined {
  const m = getMember(node, 'Effect')
  if (m === undefined) {
    ctx.problems.add(STAGE.syntax, 'MISSING_EFFECT', path, node.range, MSG.syntax, 'a statement needs `Effect`: "Allow" or "Deny"')
    return undefined
  }
  const effectPath = pathKey(path, 'Effect')
  const v = m.value
  if (v.type !== 'string' || (v.value.toLowerCase() !== 'allow' && v.value.toLowerCase() !== 'deny')) {
    ctx.problems.at(STAGE.syntax, 'INVALID_EFFECT', effectPath, v, MSG.syntax, '`Effect` must be "Allow" or "Deny"')
    return undefined
  }
  if (v.value !== 'Allow' && v.value !== 'Deny') {
    // The grammar check is case-insensitive but the older parser behind it is not.
    ctx.problems.at(STAGE.legacy, 'INVALID_EFFECT', effectPath, v, MSG.legacy, `\`Effect\` must be written "Allow" or "Deny", not "${v.value}"`)
    return undefined
  }
  return v.value
}

function checkPrincipalPresence(ctx: ElementContext, node: JsonObjectNode, path: string, spec: PrincipalSpec | undefined, absent: boolean): void {
  const empty = spec !== undefined && !spec.wildcard && spec.aws.length + spec.service.length + spec.federated.length + spec.canonicalUser.length === 0
  if (absent || empty) {
    const message = ctx.kind === 'trust' ? MSG.trustNoPrincipal : MSG.missingPrincipal
    ctx.problems.add(STAGE.principal, 'MISSING_PRINCIPAL', absent ? path : pathKey(path, 'Principal'), node.range, message, 'this kind of policy needs a `Principal` (or `NotPrincipal`) in every statement')
    return
  }
  if (ctx.kind === 'rcp' && spec !== undefined && !spec.wildcard) {
    ctx.problems.add(STAGE.kindRules, 'INVALID_PRINCIPAL_FORMAT', pathKey(path, 'Principal'), node.range, MSG.syntax, 'a resource control policy must use `"Principal": "*"`')
  }
}
