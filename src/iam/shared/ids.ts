/** Stable ids for entities Warden does not store (AWS managed policies). */
import { createHash } from 'node:crypto'

// AWS unique ids use upper-case letters and digits 2-7 (base32 without padding).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * The PolicyId of an AWS managed policy: `ANPA` + 17 characters derived from the SHA-256
 * of its ARN, so every replica and every restart gives the same id (21 characters, as AWS's).
 */
export function awsManagedPolicyId(arn: string): string {
  const digest = createHash('sha256').update(arn, 'utf8').digest()
  let out = 'ANPA'
  let bits = 0
  let acc = 0
  for (const byte of digest) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < 21) {
      bits -= 5
      out += ALPHABET[(acc >> bits) & 31]
    }
    acc &= (1 << bits) - 1
    if (out.length === 21) break
  }
  return out
}
