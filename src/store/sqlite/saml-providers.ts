import { entityArn } from '../arn.js'
import { StoreError } from '../errors.js'
import { newSamlProviderUuid } from '../ids.js'
import type { SamlProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateSamlProviderInput, SamlAssertionEncryptionMode, SamlPrivateKey, SamlProviderRecord, Tag, UpdateSamlProviderInput } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { parseTags, tagsJson } from './principals.js'
import type { Sync } from './sync.js'

interface SamlRow {
  rowid: number
  name: string
  uuid: string
  metadata: string
  create_date: string
  valid_until: string
  encryption_mode: SamlAssertionEncryptionMode | null
  private_keys: string
  tags: string
}

interface StoredKey {
  keyId: string
  timestamp: string
  ciphertext: string
}

const COLUMNS = 'rowid, name, uuid, metadata, create_date, valid_until, encryption_mode, private_keys, tags'

/** AWS's NoSuchEntity message for a SAML provider (IAM says "Manifest" for the metadata it holds). */
export function samlProviderNotFound(arn: string): StoreError {
  return new StoreError('NotFound', `Manifest not found for arn ${arn}`, 'saml-provider')
}

function storedKeys(keys: SamlPrivateKey[]): string {
  return JSON.stringify(keys.map((k): StoredKey => ({ keyId: k.keyId, timestamp: k.timestamp.toISOString(), ciphertext: Buffer.from(k.ciphertext).toString('base64') })))
}

function parseKeys(json: string): SamlPrivateKey[] {
  return (JSON.parse(json) as StoredKey[]).map((k) => ({ keyId: k.keyId, timestamp: new Date(k.timestamp), ciphertext: new Uint8Array(Buffer.from(k.ciphertext, 'base64')) }))
}

/** SamlProviderStore over SQLite. */
export function samlProviderOps(ctx: SqliteContext): Sync<SamlProviderStore> {
  const arnOf = (name: string) => entityArn(ctx.accountId(), 'saml-provider', '/', name)
  const toRecord = (row: SamlRow): SamlProviderRecord => {
    const record: SamlProviderRecord = {
      name: row.name,
      arn: arnOf(row.name),
      uuid: row.uuid,
      metadataDocument: row.metadata,
      createDate: new Date(row.create_date),
      validUntil: new Date(row.valid_until),
      privateKeys: parseKeys(row.private_keys),
      tags: parseTags(row.tags)
    }
    if (row.encryption_mode !== null) record.assertionEncryptionMode = row.encryption_mode
    return record
  }
  const find = (name: string) => ctx.get<SamlRow>(`SELECT ${COLUMNS} FROM saml_providers WHERE lower(name) = lower(?)`, name)
  const require = (name: string): SamlRow => {
    const row = find(name)
    if (!row) throw samlProviderNotFound(arnOf(name))
    return row
  }
  const setTags = (row: SamlRow, tags: Tag[]) => ctx.run('UPDATE saml_providers SET tags = ? WHERE rowid = ?', tagsJson(tags), row.rowid)
  const exists = (name: string) => new StoreError('AlreadyExists', `SAMLProvider with name ${name} already exists.`, 'saml-provider')
  return {
    createSamlProvider(input: CreateSamlProviderInput): SamlProviderRecord {
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      if (find(input.name)) throw exists(input.name)
      const count = ctx.get<{ n: number }>('SELECT count(*) AS n FROM saml_providers')?.n ?? 0
      if (count >= ctx.limits.samlProvidersPerAccount) {
        throw new StoreError('LimitExceeded', `Cannot exceed quota for SAMLProvidersPerAccount: ${ctx.limits.samlProvidersPerAccount}`, 'saml-provider')
      }
      insertUnique(() => ctx.run(
        'INSERT INTO saml_providers (name, uuid, metadata, create_date, valid_until, encryption_mode, private_keys, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        input.name, input.uuid ?? newSamlProviderUuid(), input.metadataDocument, isoDate(), input.validUntil.toISOString(),
        input.assertionEncryptionMode, storedKeys(input.privateKey ? [input.privateKey] : []), tagsJson(tags)
      ), `SAMLProvider with name ${input.name} already exists.`, 'saml-provider')
      return toRecord(require(input.name))
    },
    getSamlProvider(name: string): SamlProviderRecord | undefined {
      const row = find(name)
      return row && toRecord(row)
    },
    listSamlProviders(): SamlProviderRecord[] {
      return ctx.all<SamlRow>(`SELECT ${COLUMNS} FROM saml_providers ORDER BY lower(name)`).map(toRecord)
    },
    deleteSamlProvider(name: string): void {
      ctx.run('DELETE FROM saml_providers WHERE rowid = ?', require(name).rowid)
      ctx.bump()
    },
    updateSamlProvider(name: string, changes: UpdateSamlProviderInput): SamlProviderRecord {
      const row = require(name)
      let keys = parseKeys(row.private_keys)
      const mode = changes.assertionEncryptionMode ?? row.encryption_mode ?? undefined
      if (changes.addPrivateKey) {
        if (keys.length >= ctx.limits.privateKeysPerSamlProvider) {
          throw new StoreError('LimitExceeded', `Private key limit of ${ctx.limits.privateKeysPerSamlProvider} is reached.`, 'saml-provider')
        }
        keys = [...keys, changes.addPrivateKey]
      }
      if (changes.removePrivateKeyId !== undefined) {
        const kept = keys.filter((k) => k.keyId !== changes.removePrivateKeyId)
        if (kept.length === keys.length) {
          throw new StoreError('InvalidInput', 'Failed to remove private key: the Key ID does not match a private key of this SAML provider.', 'saml-provider')
        }
        keys = kept
      }
      if (mode === 'Required' && keys.length === 0) {
        throw new StoreError('InvalidInput', changes.removePrivateKeyId !== undefined
          ? 'Failed to remove private key. A SAML provider whose AssertionEncryptionMode is Required must keep at least one private key.'
          : 'Cannot set AssertionEncryptionMode to Required because no private key is provided.', 'saml-provider')
      }
      ctx.run('UPDATE saml_providers SET metadata = ?, valid_until = ?, encryption_mode = ?, private_keys = ? WHERE rowid = ?',
        changes.metadataDocument ?? row.metadata, changes.validUntil?.toISOString() ?? row.valid_until, mode, storedKeys(keys), row.rowid)
      ctx.bump()
      return toRecord(require(name))
    },
    tagSamlProvider(name: string, tags: Tag[]): void {
      const row = require(name)
      setTags(row, mergeTags(parseTags(row.tags), tags, ctx.limits.tagsPerResource))
    },
    untagSamlProvider(name: string, keys: string[]): void {
      const row = require(name)
      setTags(row, removeTags(parseTags(row.tags), keys))
    }
  }
}
