/**
 * Identity providers as both dialects store them: the row shapes (JSON columns arrive as
 * text from SQLite and parsed from PostgreSQL's jsonb; dates as text or Date), the records
 * built from them, AWS's error messages, and the pure rules of an update (client id quota,
 * private key rules), so the SQLite and PostgreSQL files only read, lock and write.
 */
import { entityArn } from './arn.js'
import { StoreError } from './errors.js'
import type { StoreLimits } from './limits.js'
import type {
  OidcProviderRecord, SamlAssertionEncryptionMode, SamlPrivateKey, SamlProviderRecord, Tag, UpdateOidcProviderInput, UpdateSamlProviderInput
} from './types.js'

type Json<T> = string | T
type Stamp = string | Date

const json = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)
const date = (v: Stamp): Date => (v instanceof Date ? v : new Date(v))

/** A tags column value: a JSON array of {key, value}. */
export function providerTagsJson(tags: Tag[]): string {
  return JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value })))
}

export interface OidcRow {
  name: string
  url: string
  client_ids: Json<string[]>
  thumbprints: Json<string[]>
  create_date: Stamp
  tags: Json<Tag[]>
}

export const OIDC_COLUMNS = 'name, url, client_ids, thumbprints, create_date, tags'

export function oidcProviderRecord(accountId: string, row: OidcRow): OidcProviderRecord {
  return {
    name: row.name,
    arn: entityArn(accountId, 'oidc-provider', '/', row.name),
    url: row.url,
    clientIds: json(row.client_ids),
    thumbprints: json(row.thumbprints),
    createDate: date(row.create_date),
    tags: json(row.tags)
  }
}

interface StoredKey {
  keyId: string
  timestamp: string
  ciphertext: string
}

export interface SamlRow {
  name: string
  uuid: string
  metadata: string
  create_date: Stamp
  valid_until: Stamp
  encryption_mode: SamlAssertionEncryptionMode | null
  private_keys: Json<StoredKey[]>
  tags: Json<Tag[]>
}

export const SAML_COLUMNS = 'name, uuid, metadata, create_date, valid_until, encryption_mode, private_keys, tags'

/** The private_keys column value: ciphertexts as base64. */
export function privateKeysJson(keys: SamlPrivateKey[]): string {
  return JSON.stringify(keys.map((k): StoredKey => ({ keyId: k.keyId, timestamp: k.timestamp.toISOString(), ciphertext: Buffer.from(k.ciphertext).toString('base64') })))
}

export function samlProviderRecord(accountId: string, row: SamlRow): SamlProviderRecord {
  const record: SamlProviderRecord = {
    name: row.name,
    arn: entityArn(accountId, 'saml-provider', '/', row.name),
    uuid: row.uuid,
    metadataDocument: row.metadata,
    createDate: date(row.create_date),
    validUntil: date(row.valid_until),
    privateKeys: json(row.private_keys).map((k) => ({ keyId: k.keyId, timestamp: new Date(k.timestamp), ciphertext: new Uint8Array(Buffer.from(k.ciphertext, 'base64')) })),
    tags: json(row.tags)
  }
  if (row.encryption_mode !== null) record.assertionEncryptionMode = row.encryption_mode
  return record
}

/** AWS's NoSuchEntity message for an OpenID Connect provider. */
export function oidcProviderNotFound(accountId: string, name: string): StoreError {
  return new StoreError('NotFound', `OpenIDConnect Provider not found for arn ${entityArn(accountId, 'oidc-provider', '/', name)}`, 'oidc-provider')
}

/** AWS's NoSuchEntity message for a SAML provider (IAM says "Manifest" for the metadata it holds). */
export function samlProviderNotFound(accountId: string, name: string): StoreError {
  return new StoreError('NotFound', `Manifest not found for arn ${entityArn(accountId, 'saml-provider', '/', name)}`, 'saml-provider')
}

export const oidcProviderExists = (url: string) => `Provider with url ${url} already exists.`
export const samlProviderExists = (name: string) => `SAMLProvider with name ${name} already exists.`

function clientIdQuota(limit: number): StoreError {
  return new StoreError('LimitExceeded', `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${limit}`, 'oidc-provider')
}

/** LimitExceeded when an account already holds `count` providers of a kind. */
export function checkProviderQuota(kind: 'oidc' | 'saml', count: number, limits: StoreLimits): void {
  const [limit, quota] = kind === 'oidc' ? [limits.oidcProvidersPerAccount, 'OpenIdConnectProvidersPerAccount'] : [limits.samlProvidersPerAccount, 'SAMLProvidersPerAccount']
  if (count >= limit) throw new StoreError('LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`, kind === 'oidc' ? 'oidc-provider' : 'saml-provider')
}

/** A new provider's client ids, each once in first-seen order; LimitExceeded past the quota. */
export function newClientIds(ids: string[], limits: StoreLimits): string[] {
  const unique = [...new Set(ids)]
  if (unique.length > limits.clientIdsPerOidcProvider) throw clientIdQuota(limits.clientIdsPerOidcProvider)
  return unique
}

/** The client ids and thumbprints after an update. */
export function updatedOidc(current: OidcProviderRecord, changes: UpdateOidcProviderInput, limits: StoreLimits): { clientIds: string[]; thumbprints: string[] } {
  let clientIds = current.clientIds
  if (changes.addClientId !== undefined && !clientIds.includes(changes.addClientId)) {
    if (clientIds.length >= limits.clientIdsPerOidcProvider) throw clientIdQuota(limits.clientIdsPerOidcProvider)
    clientIds = [...clientIds, changes.addClientId]
  }
  if (changes.removeClientId !== undefined) clientIds = clientIds.filter((c) => c !== changes.removeClientId)
  return { clientIds, thumbprints: changes.thumbprints !== undefined ? [...new Set(changes.thumbprints)] : current.thumbprints }
}

/** The provider's stored fields after an update, under AWS's private key rules (at most 2; never none while encryption is Required). */
export function updatedSaml(current: SamlProviderRecord, changes: UpdateSamlProviderInput, limits: StoreLimits): {
  metadata: string
  validUntil: Date
  mode: SamlAssertionEncryptionMode | undefined
  keys: SamlPrivateKey[]
} {
  let keys = current.privateKeys
  const mode = changes.assertionEncryptionMode ?? current.assertionEncryptionMode
  if (changes.addPrivateKey) {
    if (keys.length >= limits.privateKeysPerSamlProvider) {
      throw new StoreError('LimitExceeded', `Private key limit of ${limits.privateKeysPerSamlProvider} is reached.`, 'saml-provider')
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
  return { metadata: changes.metadataDocument ?? current.metadataDocument, validUntil: changes.validUntil ?? current.validUntil, mode, keys }
}
