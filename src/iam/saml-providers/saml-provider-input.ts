/**
 * What CreateSAMLProvider and UpdateSAMLProvider check before they store anything: the
 * metadata document (IAM refuses one it cannot read), the optional private key IAM uses
 * to decrypt assertions (a PEM RSA key, kept sealed like access-key secrets), and the
 * encryption mode rules.
 */
import { createPrivateKey } from 'node:crypto'
import type { KeyMaterial } from '../../auth/key-material.js'
import { newPrivateKeyId, type SamlPrivateKey } from '../../store/index.js'
import { sealSecret } from '../access-keys/secret.js'
import { iamError } from '../shared/errors.js'
import { MAX_SIGNING_KEYS, parseSamlMetadata } from './saml-metadata.js'

/** IAM keeps a provider valid for 100 years when its metadata sets no validUntil. */
const DEFAULT_VALIDITY_YEARS = 100

/** The document's validUntil, or `now` plus 100 years; InvalidInput when IAM could not read the document. */
export function checkMetadata(document: string, now: Date): Date {
  const metadata = parseSamlMetadata(document)
  if (metadata === undefined) throw iamError('InvalidInput', 'Could not parse metadata')
  if (metadata.signingCertificates.length > MAX_SIGNING_KEYS) {
    throw iamError('LimitExceeded', `Cannot exceed quota for KeysPerSAMLProvider: ${MAX_SIGNING_KEYS}`)
  }
  if (metadata.validUntil) return metadata.validUntil
  const until = new Date(now)
  until.setUTCFullYear(until.getUTCFullYear() + DEFAULT_VALIDITY_YEARS)
  return until
}

/** A sealed private key record for a PEM key; InvalidInput when it is not an RSA private key. */
export function sealPrivateKey(keys: KeyMaterial, pem: string, now: Date): SamlPrivateKey {
  let type: string | undefined
  try {
    type = createPrivateKey(pem).asymmetricKeyType
  } catch {
    type = undefined
  }
  if (type !== 'rsa') throw iamError('InvalidInput', 'Invalid private key: Key format is not recognized.')
  return { keyId: newPrivateKeyId(), timestamp: now, ciphertext: sealSecret(keys, pem) }
}

/** AWS's refusal of Required encryption without a key to decrypt with. */
export function encryptionWithoutKey(): Error {
  return iamError('InvalidInput', 'Cannot set AssertionEncryptionMode to Required because no private key is provided.')
}
