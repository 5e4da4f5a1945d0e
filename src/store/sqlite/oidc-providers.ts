import {
  checkProviderQuota, newClientIds, OIDC_COLUMNS, oidcProviderExists, oidcProviderNotFound, oidcProviderRecord, providerTagsJson, updatedOidc, type OidcRow
} from '../federation-records.js'
import { StoreError } from '../errors.js'
import type { OidcProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateOidcProviderInput, OidcProviderRecord, Tag, UpdateOidcProviderInput } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** OidcProviderStore over SQLite (one writer at a time, so read-check-write is atomic). */
export function oidcProviderOps(ctx: SqliteContext): Sync<OidcProviderStore> {
  const find = (name: string) => ctx.get<OidcRow>(`SELECT ${OIDC_COLUMNS} FROM oidc_providers WHERE lower(name) = lower(?)`, name)
  const require = (name: string): OidcProviderRecord => {
    const row = find(name)
    if (!row) throw oidcProviderNotFound(ctx.accountId(), name)
    return oidcProviderRecord(ctx.accountId(), row)
  }
  const setTags = (p: OidcProviderRecord, tags: Tag[]) => ctx.run('UPDATE oidc_providers SET tags = ? WHERE lower(name) = lower(?)', providerTagsJson(tags), p.name)
  return {
    createOidcProvider(input: CreateOidcProviderInput): OidcProviderRecord {
      const clientIds = newClientIds(input.clientIds ?? [], ctx.limits)
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      if (find(input.name)) throw new StoreError('AlreadyExists', oidcProviderExists(input.url), 'oidc-provider')
      checkProviderQuota('oidc', ctx.get<{ n: number }>('SELECT count(*) AS n FROM oidc_providers')?.n ?? 0, ctx.limits)
      insertUnique(() => ctx.run('INSERT INTO oidc_providers (name, url, client_ids, thumbprints, create_date, tags) VALUES (?, ?, ?, ?, ?, ?)',
        input.name, input.url, JSON.stringify(clientIds), JSON.stringify([...new Set(input.thumbprints ?? [])]), isoDate(), providerTagsJson(tags)),
      oidcProviderExists(input.url), 'oidc-provider')
      return require(input.name)
    },
    getOidcProvider(name: string): OidcProviderRecord | undefined {
      const row = find(name)
      return row && oidcProviderRecord(ctx.accountId(), row)
    },
    listOidcProviders(): OidcProviderRecord[] {
      return ctx.all<OidcRow>(`SELECT ${OIDC_COLUMNS} FROM oidc_providers ORDER BY lower(name)`).map((r) => oidcProviderRecord(ctx.accountId(), r))
    },
    deleteOidcProvider(name: string): void {
      ctx.run('DELETE FROM oidc_providers WHERE lower(name) = lower(?)', require(name).name)
      ctx.bump()
    },
    updateOidcProvider(name: string, changes: UpdateOidcProviderInput): OidcProviderRecord {
      const p = require(name)
      const next = updatedOidc(p, changes, ctx.limits)
      ctx.run('UPDATE oidc_providers SET client_ids = ?, thumbprints = ? WHERE lower(name) = lower(?)', JSON.stringify(next.clientIds), JSON.stringify(next.thumbprints), p.name)
      ctx.bump()
      return require(name)
    },
    tagOidcProvider(name: string, tags: Tag[]): void {
      const p = require(name)
      setTags(p, mergeTags(p.tags, tags, ctx.limits.tagsPerResource))
    },
    untagOidcProvider(name: string, keys: string[]): void {
      const p = require(name)
      setTags(p, removeTags(p.tags, keys))
    }
  }
}
