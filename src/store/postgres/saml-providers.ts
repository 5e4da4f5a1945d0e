import {
  checkProviderQuota, privateKeysJson, providerTagsJson, SAML_COLUMNS, samlProviderExists, samlProviderNotFound, samlProviderRecord, updatedSaml, type SamlRow
} from '../federation-records.js'
import { StoreError } from '../errors.js'
import { newSamlProviderUuid } from '../ids.js'
import type { SamlProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateSamlProviderInput, SamlProviderRecord, Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, type Lock } from './principals.js'
import type { PgSession } from './session.js'

async function find(s: PgSession, name: string, lock?: Lock): Promise<SamlRow | undefined> {
  return s.get<SamlRow>(`SELECT ${SAML_COLUMNS} FROM saml_providers WHERE lower(name) = lower(?)${lockClause(lock)}`, name)
}

/** The provider, NotFound if there is none; with a lock, the row stays locked to the end of the transaction. */
async function provider(s: PgSession, name: string, lock?: Lock): Promise<SamlProviderRecord> {
  const row = await find(s, name, lock)
  if (!row) throw samlProviderNotFound(await s.accountId(), name)
  return samlProviderRecord(await s.accountId(), row)
}

async function setTags(s: PgSession, p: SamlProviderRecord, tags: Tag[]): Promise<void> {
  await s.run('UPDATE saml_providers SET tags = ? WHERE lower(name) = lower(?)', providerTagsJson(tags), p.name)
}

/** SamlProviderStore over PostgreSQL: read-check-write under a row lock (the account row for the per-account quota). */
export const samlProviderOps: WithSession<SamlProviderStore> = {
  async createSamlProvider(s, input: CreateSamlProviderInput) {
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await s.accountId()
    await s.run('SELECT 1 FROM account WHERE singleton = 1 FOR UPDATE')
    if (await find(s, input.name)) throw new StoreError('AlreadyExists', samlProviderExists(input.name), 'saml-provider')
    checkProviderQuota('saml', (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM saml_providers'))?.n ?? 0, s.limits)
    await insertUnique(() => s.run(
      'INSERT INTO saml_providers (name, uuid, metadata, create_date, valid_until, encryption_mode, private_keys, tags) VALUES (?, ?, ?, now(), ?, ?, ?, ?)',
      input.name, input.uuid ?? newSamlProviderUuid(), input.metadataDocument, input.validUntil, input.assertionEncryptionMode,
      privateKeysJson(input.privateKey ? [input.privateKey] : []), providerTagsJson(tags)
    ), samlProviderExists(input.name), 'saml-provider')
    return provider(s, input.name)
  },
  async getSamlProvider(s, name: string) {
    const row = await find(s, name)
    return row && samlProviderRecord(await s.accountId(), row)
  },
  async listSamlProviders(s) {
    const account = await s.accountId()
    return (await s.all<SamlRow>(`SELECT ${SAML_COLUMNS} FROM saml_providers ORDER BY lower(name)`)).map((r) => samlProviderRecord(account, r))
  },
  async deleteSamlProvider(s, name: string) {
    const p = await provider(s, name, 'update')
    await s.run('DELETE FROM saml_providers WHERE lower(name) = lower(?)', p.name)
    s.bump()
  },
  async updateSamlProvider(s, name: string, changes) {
    const p = await provider(s, name, 'update')
    const next = updatedSaml(p, changes, s.limits)
    await s.run('UPDATE saml_providers SET metadata = ?, valid_until = ?, encryption_mode = ?, private_keys = ? WHERE lower(name) = lower(?)',
      next.metadata, next.validUntil, next.mode, privateKeysJson(next.keys), p.name)
    s.bump()
    return provider(s, name)
  },
  async tagSamlProvider(s, name: string, tags: Tag[]) {
    const p = await provider(s, name, 'update')
    await setTags(s, p, mergeTags(p.tags, tags, s.limits.tagsPerResource))
  },
  async untagSamlProvider(s, name: string, keys: string[]) {
    const p = await provider(s, name, 'update')
    await setTags(s, p, removeTags(p.tags, keys))
  }
}
