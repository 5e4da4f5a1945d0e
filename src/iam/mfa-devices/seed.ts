/**
 * Virtual MFA seeds: generated here, shown once (base32 and as a QR code of the otpauth://
 * URI authenticator apps read), kept only sealed under the `mfa-seed-at-rest` key (see
 * src/auth/seal.ts), opened by the EnableMFADevice/ResyncMFADevice handlers and by STS.
 */
import { randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import type { KeyMaterial } from '../../auth/key-material.js'
import { open, seal } from '../../auth/seal.js'

/** 40 random bytes: the 64-character base32 seeds AWS issues. */
export const SEED_BYTES = 40

/** A new random seed. */
export function generateSeed(): Uint8Array {
  return new Uint8Array(randomBytes(SEED_BYTES))
}

/** Encrypts a seed for the store. */
export function sealSeed(keys: KeyMaterial, seed: Uint8Array): Uint8Array {
  return seal(keys, 'mfa-seed-at-rest', Buffer.from(seed))
}

/** Decrypts what {@link sealSeed} produced; undefined when tampered with or sealed under another master key. */
export function openSeed(keys: KeyMaterial, sealed: Uint8Array): Uint8Array | undefined {
  const plain = open(keys, 'mfa-seed-at-rest', Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength))
  return plain && new Uint8Array(plain)
}

/**
 * The URI in the QR code, in the form AWS documents for CreateVirtualMFADevice:
 * `otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String`.
 */
export function otpauthUri(deviceName: string, accountName: string, base32Seed: string): string {
  return `otpauth://totp/${encodeURIComponent(deviceName)}@${encodeURIComponent(accountName)}?secret=${base32Seed}`
}

/** A PNG of the QR code of `text` (error correction M, the 4-module quiet zone scanners expect). */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 })
}
