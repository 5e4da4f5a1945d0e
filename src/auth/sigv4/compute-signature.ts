import { hash } from 'node:crypto'

/** SHA-256's block size: the HMAC key pads are one block each. */
const BLOCK = 64
const DIGEST = 32

/** The inner and outer key pads of one signing key (RFC 2104), made once per key. */
const pads = new WeakMap<Buffer, { inner: Buffer; outer: Buffer }>()

function padsOf(signingKey: Buffer): { inner: Buffer; outer: Buffer } {
  let p = pads.get(signingKey)
  if (p === undefined) {
    // A signing key is itself a SHA-256 digest (32 bytes), never longer than a block.
    if (signingKey.length > BLOCK) throw new RangeError('signing key longer than one SHA-256 block')
    const inner = Buffer.alloc(BLOCK, 0x36)
    // One block for the outer pad plus room for the inner digest: the outer hash input, ready.
    const outer = Buffer.alloc(BLOCK + DIGEST, 0x5c)
    for (let i = 0; i < signingKey.length; i++) {
      inner[i]! ^= signingKey[i]!
      outer[i]! ^= signingKey[i]!
    }
    p = { inner, outer }
    pads.set(signingKey, p)
  }
  return p
}

let scratch = Buffer.allocUnsafe(4096)

/**
 * Hex HMAC-SHA256 of the string to sign under the derived signing key, as two one-shot
 * SHA-256 hashes over the key pads (RFC 2104): createHmac's object and key setup per request
 * cost more than the hashing itself. Checked against AWS's SigV4 test vectors and createHmac.
 */
export function computeSignature(signingKey: Buffer, stringToSign: string): string {
  const { inner, outer } = padsOf(signingKey)
  const length = BLOCK + Buffer.byteLength(stringToSign, 'utf8')
  if (length > scratch.length) scratch = Buffer.allocUnsafe(length)
  inner.copy(scratch, 0)
  scratch.write(stringToSign, BLOCK, 'utf8')
  // The inner digest as a binary (latin1) string, one char per byte, rather than a Buffer, which
  // would be a new ArrayBuffer per request for the GC to sweep.
  const innerDigest = hash('sha256', scratch.subarray(0, length), 'binary')
  // outer's last 32 bytes are overwritten each call; the key pad before them never is.
  outer.write(innerDigest, BLOCK, 'latin1')
  return hash('sha256', outer, 'hex')
}
