/** Authorization resource ARNs of IAM entities, with their real paths read from the store. */
import type { Store } from '../../store/index.js'
import { entityArn } from '../../store/arn.js'
import type { PrincipalType } from '../../store/index.js'
import { entityFacts } from '../../server/entity-cache.js'

/**
 * The ARN an action on the user, group or role `name` is authorized against: with the
 * entity's path when it exists, with `/` when it does not (the handler then reports
 * NoSuchEntity if the caller may act on it).
 */
export async function principalResourceArn(store: Store, accountId: string, type: PrincipalType, name: string): Promise<string> {
  return (await entityFacts(store, type, name))?.arn ?? entityArn(accountId, type, '/', name)
}
