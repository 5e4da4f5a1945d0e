import { msgScopeDate, msgScopeRegion, msgScopeService, msgScopeTerminator, TERMINATOR } from './constants.js'
import type { ParsedCredential } from './parse-credential.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { VerifyFailure } from './types.js'

function isRegionName(region: string): boolean {
  if (region.length === 0 || region.length > 64) return false
  for (let i = 0; i < region.length; i++) {
    const c = region.charCodeAt(i)
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false
  }
  return true
}

/**
 * Checks the credential scope against the request date and the allowed regions and
 * services; like AWS, it reports every mismatch in one message.
 */
export function checkCredentialScope(
  credential: ParsedCredential,
  amzDate: string,
  allowedServices: readonly string[],
  allowedRegions?: readonly string[]
): VerifyFailure | undefined {
  let message = ''
  if (!isRegionName(credential.region) || (allowedRegions !== undefined && !allowedRegions.includes(credential.region))) {
    message += msgScopeRegion(credential.region)
  }
  if (!allowedServices.includes(credential.service)) {
    message += msgScopeService(allowedServices.join("' or '"))
  }
  if (credential.terminator !== TERMINATOR) message += msgScopeTerminator(credential.terminator)
  const day = amzDate.slice(0, 8)
  if (credential.date !== day) message += msgScopeDate(credential.date, day, amzDate)
  return message === '' ? undefined : sigv4Failure('SignatureDoesNotMatch', message)
}
