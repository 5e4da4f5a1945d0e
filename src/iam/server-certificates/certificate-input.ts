/**
 * What UploadServerCertificate checks before it stores anything, with node:crypto: the
 * body is one PEM certificate that has not expired, the private key is an unencrypted PEM
 * RSA or EC key whose public half is the certificate's, and the optional chain is PEM
 * certificates, each the issuer of the one before it (the first one the body's). The key
 * is then sealed like access-key secrets: the store never holds it in the clear.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import type { KeyMaterial } from '../../auth/key-material.js'
import { sealSecret } from '../access-keys/secret.js'
import { iamError } from '../shared/errors.js'

export const MESSAGES = {
  body: 'Unable to parse certificate. Please ensure the certificate is in PEM format.',
  expired: "Certificate is no longer valid. The 'Not After' date restriction on the certificate has passed.",
  key: 'Unable to parse private key. Please ensure the private key is an unencrypted RSA or EC key in PEM format.',
  mismatch: 'The request was rejected because the public key certificate and the private key do not match.',
  chain: (index: number) =>
    'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, ' +
    `followed by any intermediaries in order. The index within the chain of the invalid certificate is: ${index}`
} as const

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]*-----END CERTIFICATE-----/g

/**
 * The certificates of a PEM text in order, parsed (undefined for a block that does not
 * parse), and `junkAt`: how many blocks came before the first text that is not a PEM
 * certificate, when there is such text.
 */
function pemCertificates(text: string): { certificates: (X509Certificate | undefined)[]; junkAt?: number } {
  const certificates: (X509Certificate | undefined)[] = []
  let last = 0
  for (const m of text.matchAll(PEM_CERTIFICATE)) {
    if (text.slice(last, m.index).trim() !== '') return { certificates, junkAt: certificates.length }
    certificates.push(parse(m[0]))
    last = m.index + m[0].length
  }
  if (text.slice(last).trim() !== '') return { certificates, junkAt: certificates.length }
  return { certificates }
}

function parse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem)
  } catch {
    return undefined
  }
}

function privateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem)
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec' ? key : undefined
  } catch {
    return undefined
  }
}

const spki = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' })

/** What the store keeps of a checked upload. */
export interface CheckedServerCertificate {
  /** The certificate's notAfter. */
  expiration: Date
  privateKeyCiphertext: Uint8Array
}

/** Checks an upload as IAM does (MalformedCertificate or KeyPairMismatch with AWS's words) and seals its key. */
export function checkServerCertificate(
  keys: KeyMaterial,
  input: { CertificateBody: string; PrivateKey: string; CertificateChain?: string },
  now: Date
): CheckedServerCertificate {
  const body = pemCertificates(input.CertificateBody)
  const cert = body.certificates[0]
  if (cert === undefined || body.certificates.length !== 1 || body.junkAt !== undefined) throw iamError('MalformedCertificate', MESSAGES.body)
  const expiration = new Date(cert.validTo)
  if (expiration.getTime() < now.getTime()) throw iamError('MalformedCertificate', MESSAGES.expired)
  const key = privateKey(input.PrivateKey)
  if (key === undefined) throw iamError('MalformedCertificate', MESSAGES.key)
  if (!spki(createPublicKey(key)).equals(spki(cert.publicKey))) throw iamError('KeyPairMismatch', MESSAGES.mismatch)
  if (input.CertificateChain !== undefined) checkChain(cert, input.CertificateChain)
  return { expiration, privateKeyCiphertext: sealSecret(keys, input.PrivateKey) }
}

/** Each chain certificate must parse and have issued (and signed) the certificate before it. */
function checkChain(leaf: X509Certificate, text: string): void {
  const chain = pemCertificates(text)
  if (chain.certificates.length === 0) throw iamError('MalformedCertificate', MESSAGES.chain(0))
  let previous = leaf
  for (const [index, issuer] of chain.certificates.entries()) {
    if (issuer === undefined || !previous.checkIssued(issuer) || !previous.verify(issuer.publicKey)) {
      throw iamError('MalformedCertificate', MESSAGES.chain(index))
    }
    previous = issuer
  }
  if (chain.junkAt !== undefined) throw iamError('MalformedCertificate', MESSAGES.chain(chain.junkAt))
}
