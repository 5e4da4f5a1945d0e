import {
  checkProviderQuota, privateKeysJson, providerTagsJson, SAML_COLUMNS, samlProviderExists, samlProviderNotFound, samlProviderRecord, updatedSaml, type SamlRow
} from '../federation-records.js'
import { StoreError } from '../errors.js'
import { newSamlProviderUuid } from '../ids.js'
import type { SamlProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateSamlProviderInput, SamlProviderRecord, Tag, UpdateSamlProviderInput } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** SamlProviderStore over SQLite (one writer at a time, so read-check-write is atomic). */
export function samlProviderOps(ctx: SqliteContext): Sync<SamlProviderStore> {
  const find = (name: string) => ctx.get<SamlRow>(`SELECT ${SAML_COLUMNS} FROM saml_providers WHERE lower(name) = lower(?)`, name)
  const require = (name: string): SamlProviderRecord => {
    const row = find(name)
    if (!row) throw samlProviderNotFound(ctx.accountId(), name)
    return samlProviderRecord(ctx.accountId(), row)
  }
  const setTags = (p: SamlProviderRecord, tags: Tag[]) => ctx.run('UPDATE saml_providers SET tags = ? WHERE lower(name) = lower(?)', providerTagsJson(tags), p.name)
  return {
    createSamlProvider(input: CreateSamlProviderInput): SamlProviderRecord {
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      if (find(input.name)) throw new StoreError('AlreadyExists', samlProviderExists(input.name), 'saml-provider')
      checkProviderQuota('saml', ctx.get<{ n: number }>('SELECT count(*) AS n FROM saml_providers')?.n ?? 0, ctx.limits)
      insertUnique(() => ctx.run(
        'INSERT INTO saml_providers (name, uuid, metadata, create_date, valid_until, encryption_mode, private_keys, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        input.name, input.uuid ?? newSamlProviderUuid(), input.metadataDocument, isoDate(), input.validUntil.toISOString(),
        input.assertionEncryptionMode, privateKeysJson(input.privateKey ? [input.privateKey] : []), providerTagsJson(tags)
      ), samlProviderExists(input.name), 'saml-provider')
      return require(input.name)
    },
    getSamlProvider(name: string): SamlProviderRecord | undefined {
      const row = find(name)
      return row && samlProviderRecord(ctx.accountId(), row)
    },
    listSamlProviders(): SamlProviderRecord[] {
      return ctx.all<SamlRow>(`SELECT ${SAML_COLUMNS} FROM saml_providers ORDER BY lower(name)`).map((r) => samlProviderRecord(ctx.accountId(), r))
    },
    deleteSamlProvider(name: string): void {
      ctx.run('DELETE FROM saml_providers WHERE lower(name) = lower(?)', require(name).name)
      ctx.bump()
    },
    updateSamlProvider(name: string, changes: UpdateSamlProviderInput): SamlProviderRecord {
      const p = require(name)
      const next = updatedSaml(p, changes, ctx.limits)
      ctx.run('UPDATE saml_providers SET metadata = ?, valid_until = ?, encryption_mode = ?, private_keys = ? WHERE lower(name) = lower(?)',
        next.metadata, next.validUntil.toISOString(), next.mode, privateKeysJson(next.keys), p.name)
      ctx.bump()
      return require(name)
    },
    tagSamlProvider(name: string, tags: Tag[]): void {
      const p = require(name)
      setTags(p, mergeTags(p.tags, tags, ctx.limits.tagsPerResource))
    },
    untagSamlProvider(name: string, keys: string[]): void {
      const p = require(name)
      setTags(p, removeTags(p.tags, keys))
    }
  }
}
