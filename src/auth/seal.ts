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
  // One buffer for the whole blob; GCM is a stream mode, so the ciphertext is as long as the plaintext.
  const out = Buffer.allocUnsafe(HEADER + IV + plaintext.length + TAG)
  out.writeUInt8(VERSION, 0)
  out.writeUInt32BE(keys.keyId, 1)
  const iv = pooledRandomBytes(IV)
  iv.copy(out, HEADER)
  const cipher = createCipheriv('aes-256-gcm', keys.key(purpose), iv)
  cipher.setAAD(out.subarray(0, HEADER))
  let at = HEADER + IV
  at += cipher.update(plaintext).copy(out, at)
  at += cipher.final().copy(out, at)
  if (at !== HEADER + IV + plaintext.length) throw new Error('AES-GCM ciphertext length differs from the plaintext length')
  cipher.getAuthTag().copy(out, at)
  return out
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
