/**
 * An authenticator app for tests, written apart from src/auth/totp.ts so the server's
 * implementation is checked against an independent one: RFC 4648 base32 decoding and
 * RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits).
 */
import { createHmac } from 'node:crypto'

function fromBase32(seed: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bits = [...seed.toUpperCase()].map((c) => {
    const v = alphabet.indexOf(c)
    if (v < 0) throw new Error(`not base32: ${c}`)
    return v.toString(2).padStart(5, '0')
  }).join('')
  const bytes: number[] = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

/** The code an authenticator holding `base32Seed` shows at `when` (plus `stepOffset` 30 s steps). */
export function authenticatorCode(base32Seed: string, when: Date = new Date(), stepOffset = 0): string {
  const counter = Math.floor(when.getTime() / 30_000) + stepOffset
  const msg = Buffer.alloc(8)
  msg.writeUInt32BE(Math.floor(counter / 2 ** 32), 0)
  msg.writeUInt32BE(counter % 2 ** 32, 4)
  const h = createHmac('sha1', fromBase32(base32Seed)).update(msg).digest()
  const o = h[19]! & 15
  const n = ((h[o]! & 0x7f) << 24) | (h[o + 1]! << 16) | (h[o + 2]! << 8) | h[o + 3]!
  return (n % 1_000_000).toString().padStart(6, '0')
}
