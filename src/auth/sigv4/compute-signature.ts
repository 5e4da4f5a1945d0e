import { createHmac } from 'node:crypto'

/** Hex HMAC-SHA256 of the string to sign under the derived signing key. */
export function computeSignature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
}
