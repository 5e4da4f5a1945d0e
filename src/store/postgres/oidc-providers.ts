import {
  checkProviderQuota, newClientIds, OIDC_COLUMNS, oidcProviderExists, oidcProviderNotFound, oidcProviderRecord, providerTagsJson, updatedOidc, type OidcRow
} from '../federation-records.js'
import { StoreError } from '../errors.js'
import type { OidcProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateOidcProviderInput, OidcProviderRecord, Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, type Lock } from './principals.js'
import type { PgSession } from './session.js'

async function find(s: PgSession, name: string, lock?: Lock): Promise<OidcRow | undefined> {
  return s.get<OidcRow>(`SELECT ${OIDC_COLUMNS} FROM oidc_providers WHERE lower(name) = lower(?)${lockClause(lock)}`, name)
}

/** The provider, NotFound if there is none; with a lock, the row stays locked to the end of the transaction. */
async function provider(s: PgSession, name: string, lock?: Lock): Promise<OidcProviderRecord> {
  const row = await find(s, name, lock)
  if (!row) throw oidcProviderNotFound(await s.accountId(), name)
  return oidcProviderRecord(await s.accountId(), row)
}

async function setTags(s: PgSession, p: OidcProviderRecord, tags: Tag[]): Promise<void> {
  await s.run('UPDATE oidc_providers SET tags = ? WHERE lower(name) = lower(?)', providerTagsJson(tags), p.name)
}

/** OidcProviderStore over PostgreSQL: read-check-write under a row lock (the account row for the per-account quota). */
export const oidcProviderOps: WithSession<OidcProviderStore> = {
  async createOidcProvider(s, input: CreateOidcProviderInput) {
    const clientIds = newClientIds(input.clientIds ?? [], s.limits)
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await s.accountId()
    // Creates serialize on the account row, so two cannot both take the last place.
    await s.run('SELECT 1 FROM account WHERE singleton = 1 FOR UPDATE')
    if (await find(s, input.name)) throw new StoreError('AlreadyExists', oidcProviderExists(input.url), 'oidc-provider')
    checkProviderQuota('oidc', (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM oidc_providers'))?.n ?? 0, s.limits)
    await insertUnique(() => s.run('INSERT INTO oidc_providers (name, url, client_ids, thumbprints, create_date, tags) VALUES (?, ?, ?, ?, now(), ?)',
      input.name, input.url, JSON.stringify(clientIds), JSON.stringify([...new Set(input.thumbprints ?? [])]), providerTagsJson(tags)),
    oidcProviderExists(input.url), 'oidc-provider')
    return provider(s, input.name)
  },
  async getOidcProvider(s, name: string) {
    const row = await find(s, name)
    return row && oidcProviderRecord(await s.accountId(), row)
  },
  async listOidcProviders(s) {
    const account = await s.accountId()
    return (await s.all<OidcRow>(`SELECT ${OIDC_COLUMNS} FROM oidc_providers ORDER BY lower(name)`)).map((r) => oidcProviderRecord(account, r))
  },
  async deleteOidcProvider(s, name: string) {
    const p = await provider(s, name, 'update')
    await s.run('DELETE FROM oidc_providers WHERE lower(name) = lower(?)', p.name)
    s.bump()
  },
  async updateOidcProvider(s, name: string, changes) {
    const p = await provider(s, name, 'update')
    const next = updatedOidc(p, changes, s.limits)
    await s.run('UPDATE oidc_providers SET client_ids = ?, thumbprints = ? WHERE lower(name) = lower(?)', JSON.stringify(next.clientIds), JSON.stringify(next.thumbprints), p.name)
    s.bump()
    return provider(s, name)
  },
  async tagOidcProvider(s, name: string, tags: Tag[]) {
    const p = await provider(s, name, 'update')
    await setTags(s, p, mergeTags(p.tags, tags, s.limits.tagsPerResource))
  },
  async untagOidcProvider(s, name: string, keys: string[]) {
    const p = await provider(s, name, 'update')
    await setTags(s, p, removeTags(p.tags, keys))
  }
}
