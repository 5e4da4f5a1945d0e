/**
 * Warden's key material. One 32-byte master key, from `WARDEN_MASTER_KEY` (base64) or
 * generated on first start into `<data>/master.key` (mode 0600), from which purpose keys
 * are derived with HKDF-SHA256. Every replica that shares the master key can open session
 * tokens and access-key secrets sealed by any other replica, with no database read.
 */
import { hkdfSync, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const MASTER_KEY_FILE = 'master.key'

/** The purposes keys are derived for; a key never serves two purposes. */
export type KeyPurpose = 'session-token' | 'secret-at-rest' | 'mfa-seed-at-rest' | 'token-signing-key-at-rest'

export interface KeyMaterial {
  /** A short id of the master key, carried in sealed blobs so a rotated key can be recognised. */
  readonly keyId: number
  /** The 32-byte key for one purpose. */
  key(purpose: KeyPurpose): Buffer
}

/** Builds key material from a 32-byte master key. */
export function keyMaterialFrom(master: Buffer): KeyMaterial {
  if (master.length !== 32) throw new Error(`the master key must be 32 bytes, got ${master.length}`)
  const derived = new Map<KeyPurpose, Buffer>()
  const keyId = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'warden key id', 4)).readUInt32BE(0)
  return {
    keyId,
    key(purpose) {
      let k = derived.get(purpose)
      if (!k) {
        k = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `warden ${purpose} v1`, 32))
        derived.set(purpose, k)
      }
      return k
    }
  }
}

/** Parses `WARDEN_MASTER_KEY`: 32 bytes, base64 (or 64 hex digits). */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (bytes.length !== 32) throw new Error('WARDEN_MASTER_KEY must be 32 bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)')
  return bytes
}

/**
 * Loads the master key: from the environment value when given, else from the data dir,
 * creating it (mode 0600) on first start.
 */
export function loadKeyMaterial(options: { dataDir?: string; envValue?: string }): KeyMaterial {
  if (options.envValue) return keyMaterialFrom(parseMasterKey(options.envValue))
  if (!options.dataDir) throw new Error('a data directory or WARDEN_MASTER_KEY is required for key material')
  mkdirSync(options.dataDir, { recursive: true })
  const file = join(options.dataDir, MASTER_KEY_FILE)
  if (!existsSync(file)) {
    // 'wx' fails if another process created it first; then we read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
  }
  chmodSync(file, 0o600)
  return keyMaterialFrom(parseMasterKey(readFileSync(file, 'utf8')))
}
