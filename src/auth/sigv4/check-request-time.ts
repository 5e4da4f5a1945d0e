import {
  MAX_PRESIGNED_EXPIRES_SECONDS,
  MSG_EXPIRES_NEGATIVE,
  MSG_EXPIRES_NOT_A_NUMBER,
  MSG_EXPIRES_TOO_LARGE,
  MSG_REQUEST_EXPIRED,
  msgSignatureExpired,
  msgSignatureNotYetCurrent
} from './constants.js'
import { formatAmzDate } from './amz-date.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { VerifyFailure } from './types.js'

const INTEGER = /^-?[0-9]{1,15}$/

function describeSkew(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} sec`
}

/**
 * Checks the request time against the server clock: within `skewSeconds` either way for a
 * signed request; for a presigned one, not in the future beyond the skew and not past
 * X-Amz-Expires (without X-Amz-Expires, the skew applies both ways as for headers).
 */
export function checkRequestTime(requestDate: Date, amzDate: string, now: Date, skewSeconds: number, expires?: string): VerifyFailure | undefined {
  const skewMs = skewSeconds * 1000
  const nowMs = now.getTime()
  const requestMs = requestDate.getTime()
  if (requestMs > nowMs + skewMs) {
    return sigv4Failure('SignatureDoesNotMatch', msgSignatureNotYetCurrent(amzDate, formatAmzDate(new Date(nowMs + skewMs)), formatAmzDate(now), describeSkew(skewSeconds)))
  }
  if (expires === undefined) {
    if (requestMs < nowMs - skewMs) {
      return sigv4Failure('SignatureDoesNotMatch', msgSignatureExpired(amzDate, formatAmzDate(new Date(nowMs - skewMs)), formatAmzDate(now), describeSkew(skewSeconds)))
    }
    return undefined
  }
  if (!INTEGER.test(expires)) return sigv4Failure('AuthorizationQueryParametersError', MSG_EXPIRES_NOT_A_NUMBER)
  const seconds = Number(expires)
  if (seconds < 0) return sigv4Failure('AuthorizationQueryParametersError', MSG_EXPIRES_NEGATIVE)
  if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) return sigv4Failure('AuthorizationQueryParametersError', MSG_EXPIRES_TOO_LARGE)
  if (nowMs > requestMs + seconds * 1000) return sigv4Failure('RequestExpired', MSG_REQUEST_EXPIRED)
  return undefined
}
