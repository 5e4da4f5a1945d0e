/**
 * SSH public keys as IAM takes them for CodeCommit: RSA of at least 2048 bits, in OpenSSH
 * (`ssh-rsa AAAA...`) or PEM (`-----BEGIN PUBLIC KEY-----`) form
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html).
 * node:crypto parses and re-encodes them; the fingerprint is the MD5 of the OpenSSH wire
 * form, as `ssh-keygen -E md5 -l` shows it.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto'
import { iamError } from '../shared/errors.js'

const MIN_BITS = 2048

export interface ParsedSshKey {
  key: KeyObject
  /** The OpenSSH wire form: string "ssh-rsa", mpint e, mpint n. */
  wire: Buffer
  fingerprint: string
}

function invalid(): Error {
  return iamError('InvalidPublicKey', 'The request was rejected because the public key is malformed or otherwise invalid.')
}

function unrecognized(): Error {
  return iamError('UnrecognizedPublicKeyEncoding', 'The request was rejected because the public key encoding format is unsupported or unrecognized.')
}

/** Reads the length-prefixed fields of an OpenSSH key blob. */
function sshFields(blob: Buffer): Buffer[] {
  const fields: Buffer[] = []
  let at = 0
  while (at < blob.length) {
    if (at + 4 > blob.length) throw invalid()
    const n = blob.readUInt32BE(at)
    if (at + 4 + n > blob.length) throw invalid()
    fields.push(blob.subarray(at + 4, at + 4 + n))
    at += 4 + n
  }
  return fields
}

function field(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(bytes.length)
  return Buffer.concat([len, bytes])
}

/** An unsigned big-endian integer as an SSH mpint (a leading zero keeps it positive). */
function mpint(unsigned: Buffer): Buffer {
  let i = 0
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++
  const trimmed = unsigned.subarray(i)
  return field((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed)
}

function wireOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' })
  return Buffer.concat([field(Buffer.from('ssh-rsa')), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))])
}

function fromOpenSsh(body: string): KeyObject {
  const [type, data] = body.split(/\s+/)
  if (type !== 'ssh-rsa') throw unrecognized()
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw invalid()
  const [name, e, n] = sshFields(Buffer.from(data, 'base64'))
  if (name?.toString() !== 'ssh-rsa' || !e || !n) throw invalid()
  const strip = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b)
  try {
    return createPublicKey({ key: { kty: 'RSA', e: strip(e).toString('base64url'), n: strip(n).toString('base64url') }, format: 'jwk' })
  } catch {
    throw invalid()
  }
}

function fromPem(body: string): KeyObject {
  // createPublicKey would derive a public key from a private one: IAM takes public keys only.
  if (!/^-----BEGIN (RSA )?PUBLIC KEY-----/.test(body)) throw invalid()
  let key: KeyObject
  try {
    key = createPublicKey(body)
  } catch {
    throw invalid()
  }
  if (key.asymmetricKeyType !== 'rsa') throw unrecognized()
  return key
}

/** Parses an uploaded key; InvalidPublicKey or UnrecognizedPublicKeyEncoding with AWS's words otherwise. */
export function parseSshPublicKey(body: string): ParsedSshKey {
  const text = body.trim()
  let key: KeyObject
  if (text.startsWith('-----BEGIN')) key = fromPem(text)
  else if (/^[a-z0-9-]+(@[a-z0-9.-]+)? /i.test(text)) key = fromOpenSsh(text)
  else throw unrecognized()
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_BITS) throw invalid()
  const wire = wireOf(key)
  const md5 = createHash('md5').update(wire).digest('hex')
  return { key, wire, fingerprint: md5.match(/../g)!.join(':') }
}

/** The key in the encoding GetSSHPublicKey asks for. */
export function encodeSshPublicKey(body: string, encoding: 'SSH' | 'PEM'): string {
  const parsed = parseSshPublicKey(body)
  return encoding === 'PEM' ? (parsed.key.export({ type: 'spki', format: 'pem' }) as string) : `ssh-rsa ${parsed.wire.toString('base64')}`
}
