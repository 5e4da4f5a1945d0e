/**
 * IAM server certificates as both dialects store them: the record and inputs, the row
 * shape (dates as text or Date, tags as JSON text or jsonb, the sealed private key as a
 * BLOB or bytea), the mapper, and AWS's messages, so the SQLite and PostgreSQL files only
 * read, lock and write.
 */
import { entityArn } from './arn.js'
import { StoreError } from './errors.js'
import type { StoreLimits } from './limits.js'
import { parseTags, type JsonValue, type Stamp } from './records.js'
import type { Tag } from './types.js'

/** A server certificate (UploadServerCertificate): the certificate, its chain and its private key, sealed. */
export interface ServerCertificateRecord {
  /** ServerCertificateId: `ASCA` and 17 upper-case alphanumerics. */
  id: string
  name: string
  path: string
  arn: string
  /** The PEM certificate as uploaded. */
  body: string
  /** The PEM chain as uploaded, if one was. */
  chain?: string
  /** The private key, sealed by the server; the store never sees it in the clear and no response carries it. */
  privateKeyCiphertext: Uint8Array
  uploadDate: Date
  /** The certificate's notAfter. */
  expiration: Date
  tags: Tag[]
}

export interface CreateServerCertificateInput {
  /** Generated (ASCA...) when absent. */
  id?: string
  name: string
  /** Default `/`. */
  path?: string
  body: string
  chain?: string
  privateKeyCiphertext: Uint8Array
  expiration: Date
  /** Default: now (snapshots give theirs). */
  uploadDate?: Date
  tags?: Tag[]
}

/** What UpdateServerCertificate changes; absent fields stay as they are. */
export interface UpdateServerCertificateInput {
  newName?: string
  newPath?: string
}

export interface ServerCertificateRow {
  id: string
  name: string
  path: string
  body: string
  chain: string | null
  private_key: Uint8Array
  upload_date: Stamp
  expiration: Stamp
  tags: JsonValue<Tag[]>
  sort_key: string
}

export const SERVER_CERTIFICATE_COLUMNS = 'id, name, path, body, chain, private_key, upload_date, expiration, tags, lower(name) AS sort_key'

/** A stored server certificate row as a record. */
export function serverCertificateRecord(accountId: string, row: ServerCertificateRow): ServerCertificateRecord {
  const record: ServerCertificateRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: entityArn(accountId, 'server-certificate', row.path, row.name),
    body: row.body,
    privateKeyCiphertext: new Uint8Array(row.private_key),
    uploadDate: new Date(row.upload_date),
    expiration: new Date(row.expiration),
    tags: parseTags(row.tags)
  }
  if (row.chain !== null) record.chain = row.chain
  return record
}

/** AWS's NoSuchEntity message for a server certificate. */
export function serverCertificateNotFound(name: string): StoreError {
  return new StoreError('NotFound', `The Server Certificate with name ${name} cannot be found.`, 'server-certificate')
}

/** AWS's EntityAlreadyExists message for a server certificate name. */
export const serverCertificateExists = (name: string) => `The Server Certificate with name ${name} already exists.`

/** LimitExceeded when the account already holds `count` server certificates. */
export function checkServerCertificateQuota(count: number, limits: StoreLimits): void {
  if (count >= limits.serverCertificatesPerAccount) {
    throw new StoreError('LimitExceeded', `Cannot exceed quota for ServerCertificatesPerAccount: ${limits.serverCertificatesPerAccount}`, 'server-certificate')
  }
}
