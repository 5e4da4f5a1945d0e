/**
 * Put/Get/Delete/List{User,Group,Role}Policy: one implementation, parametrised by the
 * kind of principal. Each document is checked against its kind's size quota (user 2,048,
 * group 5,120, role 10,240 characters, white space not counted); the store enforces the
 * same quota on the principal's aggregate.
 */
import { defineOperation, type OperationSpec } from '../../server/operation.js'
import type { PolicySizeLimit } from '../../policy/index.js'
import { iamError } from '../shared/errors.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'
import { encodePolicyDocument, requirePolicyDocument } from '../shared/policy-document.js'
import { boundaryContext, PRINCIPAL_KINDS, principalArn, requireModifiable, requirePrincipal, type PrincipalKind } from './principal-kind.js'

type Input = Record<string, string | number | undefined>

const SIZE_LIMITS: Record<PrincipalKind['type'], PolicySizeLimit> = { user: 'user-inline', group: 'group-inline', role: 'role-inline' }

function nameOf(kind: PrincipalKind, input: Input): string {
  return String(input[kind.nameMember])
}

function putOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `Put${kind.word}Policy`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    conditionContext: (input: Input, ctx) => boundaryContext(kind, nameOf(kind, input), ctx),
    handler: async (input: Input, ctx) => {
      const entity = await requirePrincipal(ctx.store, kind.type, nameOf(kind, input))
      requireModifiable(kind.type, entity)
      const document = requirePolicyDocument(String(input.PolicyDocument), { kind: 'identity', sizeLimit: SIZE_LIMITS[kind.type], entityName: entity.name })
      await ctx.store.putInlinePolicy({ type: kind.type, name: entity.name }, String(input.PolicyName), document)
      return undefined
    }
  })
}

function getOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `Get${kind.word}Policy`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    handler: async (input: Input, ctx) => {
      const entity = await requirePrincipal(ctx.store, kind.type, nameOf(kind, input))
      const policyName = String(input.PolicyName)
      const policy = await ctx.store.getInlinePolicy({ type: kind.type, name: entity.name }, policyName)
      if (policy === undefined) throw iamError('NoSuchEntity', `The ${kind.type} policy with name ${policyName} cannot be found.`)
      return { [kind.nameMember]: entity.name, PolicyName: policy.name, PolicyDocument: encodePolicyDocument(policy.document) }
    }
  })
}

function deleteOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `Delete${kind.word}Policy`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    conditionContext: (input: Input, ctx) => boundaryContext(kind, nameOf(kind, input), ctx),
    handler: async (input: Input, ctx) => {
      const entity = await requirePrincipal(ctx.store, kind.type, nameOf(kind, input))
      requireModifiable(kind.type, entity)
      await ctx.store.deleteInlinePolicy({ type: kind.type, name: entity.name }, String(input.PolicyName))
      return undefined
    }
  })
}

function listOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `List${kind.word}Policies`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    handler: async (input: Input, ctx) => {
      const page = await ctx.store.listInlinePolicies({ type: kind.type, name: nameOf(kind, input) }, pageRequest(input as ApiPageInput))
      return { PolicyNames: page.items, ...pageOutput(page) }
    }
  })
}

/** The four inline-policy operations of one kind of principal. */
export function inlinePolicyOperations(kind: PrincipalKind): OperationSpec<Input>[] {
  return [putOperation(kind), getOperation(kind), deleteOperation(kind), listOperation(kind)]
}

/** Put/Get/Delete/List inline policies for users, groups and roles. */
export const inlinePolicyOperationsForAll: OperationSpec<Input>[] = PRINCIPAL_KINDS.flatMap(inlinePolicyOperations)
