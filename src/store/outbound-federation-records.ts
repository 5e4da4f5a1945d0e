/**
 * Outbound identity federation (IAM EnableOutboundWebIdentityFederation, STS
 * GetWebIdentityToken): the account's one settings row, shared by every dialect. The row is
 * created by the first enable with the account's issuer id and its two token signing keys
 * (sealed by the server), and kept across disable and enable, so the issuer URL and the
 * published keys never change and every replica signs with the same keys. reset() removes it.
 */
import { StoreError } from './errors.js'
import type { Stamp } from './records.js'

/** The settings row: the issuer id (a UUID), whether tokens may be minted, and the sealed signing keys. */
export interface OutboundFederationRecord {
  issuerId: string
  enabled: boolean
  /** The RSA (RS256) and EC P-384 (ES384) private keys, PKCS#8 DER sealed with the master key. */
  sealedRsaKey: Uint8Array
  sealedEcKey: Uint8Array
  createDate: Date
  updateDate: Date
}

/** What the first enable records: the issuer id and the sealed keys. */
export interface OutboundFederationKeys {
  issuerId: string
  sealedRsaKey: Uint8Array
  sealedEcKey: Uint8Array
}

export interface OutboundFederationRow {
  issuer_id: string
  enabled: number | boolean
  rsa_key: Uint8Array
  ec_key: Uint8Array
  create_date: Stamp
  update_date: Stamp
}

export const OUTBOUND_FEDERATION_SQL =
  'SELECT issuer_id, enabled, rsa_key, ec_key, create_date, update_date FROM outbound_federation WHERE singleton = 1'
/** Records the issuer and keys unless a row exists: the first writer's keys are everyone's. Params: id, rsa, ec, date, date. */
export const INSERT_OUTBOUND_FEDERATION_SQL =
  'INSERT INTO outbound_federation (singleton, issuer_id, enabled, rsa_key, ec_key, create_date, update_date) VALUES (1, ?, FALSE, ?, ?, ?, ?) ON CONFLICT (singleton) DO NOTHING'
/** Flips the switch only from the other state, so the row count says whether anything changed. Param: date. */
export const ENABLE_OUTBOUND_FEDERATION_SQL = 'UPDATE outbound_federation SET enabled = TRUE, update_date = ? WHERE singleton = 1 AND enabled = FALSE'
export const DISABLE_OUTBOUND_FEDERATION_SQL = 'UPDATE outbound_federation SET enabled = FALSE, update_date = ? WHERE singleton = 1 AND enabled = TRUE'

export function outboundFederationRecord(row: OutboundFederationRow | undefined): OutboundFederationRecord | undefined {
  if (!row) return undefined
  return {
    issuerId: row.issuer_id,
    enabled: row.enabled === true || row.enabled === 1,
    sealedRsaKey: new Uint8Array(row.rsa_key),
    sealedEcKey: new Uint8Array(row.ec_key),
    createDate: new Date(row.create_date),
    updateDate: new Date(row.update_date)
  }
}

/** An enable without keys on an account that has no settings row (reset in between). */
export function outboundFederationMissing(): StoreError {
  return new StoreError('NotFound', 'Outbound identity federation has no issuer for this account yet.')
}
