import { msgCredentialElements } from './constants.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { CredentialScope, VerifyFailure } from './types.js'

/** A parsed `AKID/date/region/service/terminator` credential. */
export interface ParsedCredential extends CredentialScope {
  accessKeyId: string
  terminator: string
}

/** Splits a credential into its five parts; AWS's IncompleteSignature when it has another count. */
export function parseCredential(credential: string): ParsedCredential | VerifyFailure {
  const parts = credential.split('/')
  if (parts.length !== 5) return sigv4Failure('IncompleteSignature', msgCredentialElements(credential))
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string]
  return { accessKeyId, date, region, service, terminator }
}
