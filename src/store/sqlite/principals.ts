import { decodeMarker, pageSize, toPage } from '../paging.js'
import { PRINCIPALS, principalNotFound } from '../rules.js'
import type { Page, PathPageRequest, PrincipalRef } from '../types.js'
import { afterKey, pathFilter, type SqliteContext } from './context.js'

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
