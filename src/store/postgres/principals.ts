import { decodeMarker, pageSize, toPage } from '../paging.js'
import { PRINCIPALS, principalNotFound } from '../rules.js'
import type { Page, PathPageRequest, PrincipalRef } from '../types.js'
import { afterKey, pathFilter, type PgSession } from './session.js'

/**
 * Row locks a mutation takes on the rows it reads, so a check and the write that depends on
 * it cannot interleave with another replica's (PostgreSQL does not serialize writers the
 * way SQLite does): `update` for the row being changed or counted under, `share` for a row
 * that must merely stay in place until commit.
 */
export type Lock = 'update' | 'share' | undefined

/** The locking clause for `lock` (queries that take one must read a single table). */
export function lockClause(lock: Lock): string {
  return lock === undefined ? '' : ` FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'}`
}

/** The id of a principal, NotFound if there is none. */
export async function principalId(s: PgSession, ref: PrincipalRef, lock?: Lock): Promise<string> {
  const row = await s.get<{ id: string }>(`SELECT id FROM ${PRINCIPALS[ref.type].table} WHERE lower(name) = lower(?)${lockClause(lock)}`, ref.name)
  if (!row) throw principalNotFound(ref.type, ref.name)
  return row.id
}

/**
 * One page of `select` (which must select `sort_key` = `keyExpr` and end in a WHERE clause)
 * in name order, keyset-paged and filtered by path prefix. PostgreSQL cannot name an
 * output column in WHERE, so the key is compared as the expression itself.
 */
export async function pageByName<R extends { sort_key: string }, T>(
  s: PgSession,
  select: string,
  params: (string | number)[],
  request: PathPageRequest | undefined,
  map: (row: R) => T,
  keyExpr: string,
  pathColumn: string
): Promise<Page<T>> {
  const size = pageSize(request)
  const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
  const path = pathFilter(pathColumn, request?.pathPrefix)
  const key = afterKey(keyExpr, after)
  const rows = await s.all<R>(`${select}${path.sql}${key.sql} ORDER BY ${keyExpr} LIMIT ?`, ...params, ...path.params, ...key.params, size + 1)
  return toPage(rows, size, map, (r) => [r.sort_key])
}
