import { hash } from 'node:crypto'
import { ALGORITHM } from './constants.js'

/** The string to sign: algorithm, ISO-8601 basic timestamp, scope, hex SHA-256 of the canonical request. */
export function createStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  // The one-shot hash() avoids a Hash object per request.
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${hash('sha256', canonicalRequest, 'hex')}`
}
