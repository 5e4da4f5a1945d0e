/**
 * Authenticated encryption (AES-256-GCM) of small blobs: access-key secrets at rest and
 * session tokens. Layout: version (1) | key id (4) | iv (12) | ciphertext | tag (16); the
 * version and key id are authenticated as associated data.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import type { KeyMaterial, KeyPurpose } from './key-material.js'
import { pooledRandomBytes } from './random-bytes.js'

const VERSION = 1
const HEADER = 5
const IV = 12
const TAG = 16

/** Seals plaintext for one purpose. */
export function seal(keys: KeyMaterial, purpose: KeyPurpose, plaintext: Buffer): Buffer {
  const header = Buffer.alloc(HEADER)
  header.writeUInt8(VERSION, 0)
  header.writeUInt32BE(keys.keyId, 1)
  const iv = pooledRandomBytes(IV)
  const cipher = createCipheriv('aes-256-gcm', keys.key(purpose), iv)
  cipher.setAAD(header)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([header, iv, body, cipher.getAuthTag()])
}

/** Opens a sealed blob; undefined when it is malformed, tampered with or sealed under another key. */
export function open(keys: KeyMaterial, purpose: KeyPurpose, sealed: Buffer): Buffer | undefined {
  if (sealed.length < HEADER + IV + TAG) return undefined
  if (sealed.readUInt8(0) !== VERSION || sealed.readUInt32BE(1) !== keys.keyId) return undefined
  const header = sealed.subarray(0, HEADER)
  const iv = sealed.subarray(HEADER, HEADER + IV)
  const tag = sealed.subarray(sealed.length - TAG)
  const body = sealed.subarray(HEADER + IV, sealed.length - TAG)
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.key(purpose), iv)
    decipher.setAAD(header)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    return undefined
  }
}
