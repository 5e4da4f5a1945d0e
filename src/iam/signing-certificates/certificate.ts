/**
 * X.509 signing certificates as IAM takes them: PEM that parses and has not expired; two
 * uploads of one certificate are the same when their SHA-256 fingerprints are.
 */
import { X509Certificate } from 'node:crypto'
import type { UserCredentialRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

/** The certificate's fingerprint; MalformedCertificate with AWS's words when it does not parse or has expired. */
export function certificateFingerprint(body: string, now: Date): string {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(body)
  } catch {
    throw iamError('MalformedCertificate', 'The request was rejected because the certificate was malformed or expired.')
  }
  if (new Date(cert.validTo).getTime() < now.getTime()) {
    throw iamError('MalformedCertificate', 'The request was rejected because the certificate was malformed or expired.')
  }
  return cert.fingerprint256
}

/** The SigningCertificate output shape. */
export function certificateOutput(c: UserCredentialRecord): Record<string, unknown> {
  return { UserName: c.userName, CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: c.createDate }
}
