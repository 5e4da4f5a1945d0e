/**
 * The Tag*, Untag* and List*Tags operations of an entity named by one input member, an ARN
 * (identity providers, MFA serial numbers) or a name (instance profiles, server
 * certificates): one definition, so each entity states only what differs.
 */
import { defineOperation, type OperationContext, type OperationSpec } from '../../server/operation.js'
import type { Tag } from '../../store/index.js'
import { tagPage } from '../roles/memory-page.js'
import { requestTagContext, tagKeysContext, toStoreTags, type ApiTag } from './tags.js'

export interface TaggedEntityOps {
  /** The entity's name in the API operation names, e.g. `SAMLProvider` (TagSAMLProvider). */
  entity: string
  /** The input member naming the entity: its ARN (`SAMLProviderArn`) or its name (`ServerCertificateName`). */
  member: string
  /** The ARN the operations are authorized on; without it, the member's value (an ARN member). */
  resource?(ctx: OperationContext, value: string): string | Promise<string>
  /** The entity the member names, or the NoSuchEntity error AWS gives. */
  require(ctx: OperationContext, value: string): Promise<{ name: string; tags: Tag[] }>
  tag(ctx: OperationContext, name: string, tags: Tag[]): Promise<void>
  untag(ctx: OperationContext, name: string, keys: string[]): Promise<void>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are shaped by the model
type Input = Record<string, any>

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
type AnyOperation = OperationSpec<any, any>

/** The three tag operations of an entity (Tag*, Untag*, List*Tags), authorized on its ARN. */
export function tagOperations(e: TaggedEntityOps): [tag: AnyOperation, untag: AnyOperation, list: AnyOperation] {
  const value = (input: Input) => String(input[e.member])
  const resource = (input: Input, ctx: OperationContext) => (e.resource ? e.resource(ctx, value(input)) : value(input))
  return [
    defineOperation<Input, undefined>({
      service: 'iam',
      name: `Tag${e.entity}`,
      resource,
      conditionContext: (input) => requestTagContext(input.Tags as ApiTag[]),
      async handler(input, ctx) {
        const found = await e.require(ctx, value(input))
        await e.tag(ctx, found.name, toStoreTags(input.Tags as ApiTag[]))
        return undefined
      }
    }),
    defineOperation<Input, undefined>({
      service: 'iam',
      name: `Untag${e.entity}`,
      resource,
      conditionContext: (input) => tagKeysContext(input.TagKeys as string[]),
      async handler(input, ctx) {
        const found = await e.require(ctx, value(input))
        await e.untag(ctx, found.name, input.TagKeys as string[])
        return undefined
      }
    }),
    defineOperation<Input, Record<string, unknown>>({
      service: 'iam',
      name: `List${e.entity}Tags`,
      resource,
      async handler(input, ctx) {
        const found = await e.require(ctx, value(input))
        return tagPage(found.tags, input.Marker as string | undefined, input.MaxItems as number | undefined)
      }
    })
  ]
}
