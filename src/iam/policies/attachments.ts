/**
 * Attach{User,Group,Role}Policy, Detach...Policy and ListAttached...Policies: one
 * implementation, parametrised by the kind of principal.
 */
import { getAwsManagedPolicy, isAwsManagedPolicyArn } from '../../catalog/index.js'
import type { ContextValue } from '../../eval/index.js'
import { defineOperation, type OperationContext, type OperationSpec } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { pageOutput, pathPageRequest, type ApiPageInput } from '../shared/paging.js'
import { boundaryContext, PRINCIPAL_KINDS, principalArn, requireModifiable, requirePrincipal, type PrincipalKind } from './principal-kind.js'

type Input = Record<string, string | number | undefined>

function nameOf(kind: PrincipalKind, input: Input): string {
  return String(input[kind.nameMember])
}

/** Refuses AWS managed policies AWS does not let customers attach (deprecated ones, service-linked role policies). */
async function requireAttachableAwsPolicy(arn: string): Promise<void> {
  const policy = await getAwsManagedPolicy(arn)
  if (policy === undefined || !policy.isAttachable) throw iamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`)
  if (policy.path.startsWith('/aws-service-role/')) {
    throw iamError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.')
  }
}

function attachContext(kind: PrincipalKind) {
  return async (input: Input, ctx: OperationContext): Promise<Record<string, ContextValue>> => ({
    'iam:PolicyARN': String(input.PolicyArn),
    ...(await boundaryContext(kind, nameOf(kind, input), ctx))
  })
}

function attachOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `Attach${kind.word}Policy`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    conditionContext: attachContext(kind),
    handler: async (input: Input, ctx) => {
      const arn = String(input.PolicyArn)
      const entity = await requirePrincipal(ctx.store, kind.type, nameOf(kind, input))
      requireModifiable(kind.type, entity)
      if (isAwsManagedPolicyArn(arn)) await requireAttachableAwsPolicy(arn)
      // The store checks customer policies and the PoliciesPer<Kind> quota in its transaction.
      await ctx.store.attachPolicy({ type: kind.type, name: entity.name }, arn)
      return undefined
    }
  })
}

function detachOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `Detach${kind.word}Policy`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    conditionContext: attachContext(kind),
    handler: async (input: Input, ctx) => {
      const entity = await requirePrincipal(ctx.store, kind.type, nameOf(kind, input))
      requireModifiable(kind.type, entity)
      await ctx.store.detachPolicy({ type: kind.type, name: entity.name }, String(input.PolicyArn))
      return undefined
    }
  })
}

function listOperation(kind: PrincipalKind): OperationSpec<Input> {
  return defineOperation({
    service: 'iam',
    name: `ListAttached${kind.word}Policies`,
    resource: (input: Input, ctx) => principalArn(kind, nameOf(kind, input), ctx),
    handler: async (input: Input, ctx) => {
      const page = await ctx.store.listAttachedPolicies({ type: kind.type, name: nameOf(kind, input) },
        pathPageRequest(input as ApiPageInput & { PathPrefix?: string }))
      return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })), ...pageOutput(page) }
    }
  })
}

/** The three attachment operations of one kind of principal. */
export function attachmentOperations(kind: PrincipalKind): OperationSpec<Input>[] {
  return [attachOperation(kind), detachOperation(kind), listOperation(kind)]
}

/** Attach/Detach/ListAttached for users, groups and roles. */
export const attachmentOperationsForAll: OperationSpec<Input>[] = PRINCIPAL_KINDS.flatMap(attachmentOperations)
