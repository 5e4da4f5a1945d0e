import { StoreError } from '../errors.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import type { Page, PathPageRequest, PrincipalRef, PrincipalType, Tag } from '../types.js'
import { afterKey, pathFilter, type SqliteContext } from './context.js'

/** Where each kind of principal lives. Table names are constants, never user input. */
export const PRINCIPALS = {
  user: { table: 'iam_users', attachments: 'user_policy_attachments', inline: 'user_inline_policies', quota: 'PoliciesPerUser' },
  group: { table: 'iam_groups', attachments: 'group_policy_attachments', inline: 'group_inline_policies', quota: 'PoliciesPerGroup' },
  role: { table: 'iam_roles', attachments: 'role_policy_attachments', inline: 'role_inline_policies', quota: 'PoliciesPerRole' }
} as const satisfies Record<PrincipalType, { table: string; attachments: string; inline: string; quota: string }>

/** AWS's NoSuchEntity message for a principal. */
export function principalNotFound(type: PrincipalType, name: string): StoreError {
  return new StoreError('NotFound', `The ${type} with name ${name} cannot be found.`, type)
}

/** The id of a principal, NotFound if there is none. */
export function principalId(ctx: SqliteContext, ref: PrincipalRef): string {
  const row = ctx.get<{ id: string }>(`SELECT id FROM ${PRINCIPALS[ref.type].table} WHERE lower(name) = lower(?)`, ref.name)
  if (!row) throw principalNotFound(ref.type, ref.name)
  return row.id
}

/**
 * One page of `select` (which must select `sort_key` = lower(name) and end in a WHERE
 * clause) in name order, keyset-paged and filtered by path prefix.
 */
export function pageByName<R extends { sort_key: string }, T>(
  ctx: SqliteContext,
  select: string,
  params: (string | number)[],
  request: PathPageRequest | undefined,
  map: (row: R) => T,
  pathColumn = 'path'
): Page<T> {
  const size = pageSize(request)
  const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
  const path = pathFilter(pathColumn, request?.pathPrefix)
  const key = afterKey('sort_key', after)
  const rows = ctx.all<R>(`${select}${path.sql}${key.sql} ORDER BY sort_key LIMIT ?`, ...params, ...path.params, ...key.params, size + 1)
  return toPage(rows, size, map, (r) => [r.sort_key])
}

/** Parses a stored tags column. */
export function parseTags(json: string): Tag[] {
  return JSON.parse(json) as Tag[]
}

/** The tags column value: a JSON array of {key, value}, extra fields dropped. */
export function tagsJson(tags: Tag[] | undefined): string {
  return JSON.stringify((tags ?? []).map((t) => ({ key: t.key, value: t.value })))
}
