import { hash } from 'node:crypto'
import { EMPTY_SHA256 } from './constants.js'

/** Hex SHA-256 of the request body. */
export function getPayloadHash(body: Buffer): string {
  if (body.length === 0) return EMPTY_SHA256
  return hash('sha256', body, 'hex')
}
