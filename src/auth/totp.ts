/**
 * Time-based one-time passwords as virtual MFA devices make them (RFC 6238 over RFC 4226
 * HOTP): HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits; and the RFC 4648
 * base32 alphabet the seeds are shown in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const TOTP_STEP_SECONDS = 30
const DIGITS = 6
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let acc = 0
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += BASE32[(acc >> bits) & 31]
    }
  }
  if (bits > 0) out += BASE32[(acc << (5 - bits)) & 31]
  return out
}

/** Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); undefined for other characters. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  const out: number[] = []
  let bits = 0
  let acc = 0
  for (const ch of clean) {
    const v = BASE32.indexOf(ch)
    if (v < 0) return undefined
    acc = ((acc << 5) | v) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out.push((acc >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

/** The time step a moment falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS)
}

/** The 6-digit code of `secret` for one time step (HOTP with the step as counter). */
export function totpCode(secret: Uint8Array, step: number): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', secret).update(counter).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const value = mac.readUInt32BE(offset) & 0x7fffffff
  return String(value % 10 ** DIGITS).padStart(DIGITS, '0')
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** The step in [center - before, center + after] whose code is `code` (earliest first), or undefined. */
export function matchStep(secret: Uint8Array, code: string, center: number, before: number, after: number): number | undefined {
  for (let step = center - before; step <= center + after; step++) {
    if (sameCode(totpCode(secret, step), code)) return step
  }
  return undefined
}

/**
 * The step of `first` when `first` and `second` are the codes of two consecutive steps
 * within `radius` steps of `center` (how EnableMFADevice and ResyncMFADevice prove that a
 * device holds the seed and learn its clock), or undefined.
 */
export function matchConsecutiveSteps(secret: Uint8Array, first: string, second: string, center: number, radius: number): number | undefined {
  for (let step = center - radius; step < center + radius; step++) {
    if (sameCode(totpCode(secret, step), first) && sameCode(totpCode(secret, step + 1), second)) return step
  }
  return undefined
}
