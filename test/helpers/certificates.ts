/**
 * Certificates and keys for server certificate tests, made by the openssl command in a
 * temporary directory (once per test file): a root CA, an intermediate it signed (both EC,
 * which openssl makes fast), a leaf the intermediate signed (RSA, its key in PKCS#8 and
 * PKCS#1 form), a self-signed EC leaf, a one-day certificate, an unrelated RSA key and an
 * encrypted copy of the RSA leaf's key.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificates {
  root: string
  intermediate: string
  /** intermediate + root, as a chain for `rsa.cert`. */
  chain: string
  rsa: { cert: string; key: string; pkcs1Key: string; encryptedKey: string }
  ec: { cert: string; key: string; sec1Key: string }
  /** A certificate valid for one day from now, and its key. */
  shortLived: { cert: string; key: string }
  /** An RSA key no certificate here belongs to. */
  otherKey: string
}

/** Makes a fresh set with openssl (a few hundred milliseconds). */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'warden-certs-'))
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  const read = (name: string) => readFileSync(file(name), 'utf8')
  try {
    writeFileSync(file('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n')
    writeFileSync(file('leaf.ext'), 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:www.example.com\n')
    const rsaKey = (name: string) => openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file(name))
    const ecKey = (name: string) => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(name))
    ecKey('root.key')
    openssl('req', '-x509', '-new', '-key', 'root.key', '-subj', '/CN=Warden Test Root CA', '-days', '3650', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem')
    ecKey('intermediate.key')
    openssl('req', '-new', '-key', 'intermediate.key', '-subj', '/CN=Warden Test Intermediate CA', '-out', 'intermediate.csr')
    openssl('x509', '-req', '-in', 'intermediate.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '2', '-days', '3650', '-extfile', 'ca.ext', '-out', 'intermediate.pem')
    rsaKey('rsa.key')
    openssl('req', '-new', '-key', 'rsa.key', '-subj', '/CN=www.example.com', '-out', 'rsa.csr')
    openssl('x509', '-req', '-in', 'rsa.csr', '-CA', 'intermediate.pem', '-CAkey', 'intermediate.key', '-set_serial', '3', '-days', '825', '-extfile', 'leaf.ext', '-out', 'rsa.pem')
    openssl('rsa', '-in', 'rsa.key', '-traditional', '-out', 'rsa.pkcs1.key')
    openssl('pkey', '-in', 'rsa.key', '-aes256', '-passout', 'pass:secret', '-out', 'rsa.encrypted.key')
    ecKey('ec.key')
    openssl('ec', '-in', 'ec.key', '-out', 'ec.sec1.key')
    openssl('req', '-x509', '-new', '-key', 'ec.key', '-subj', '/CN=ec.example.com', '-days', '365', '-out', 'ec.pem')
    openssl('req', '-x509', '-new', '-key', 'rsa.key', '-subj', '/CN=short.example.com', '-days', '1', '-out', 'short.pem')
    rsaKey('other.key')
    const intermediate = read('intermediate.pem')
    const root = read('root.pem')
    return {
      root,
      intermediate,
      chain: intermediate + root,
      rsa: { cert: read('rsa.pem'), key: read('rsa.key'), pkcs1Key: read('rsa.pkcs1.key'), encryptedKey: read('rsa.encrypted.key') },
      ec: { cert: read('ec.pem'), key: read('ec.key'), sec1Key: read('ec.sec1.key') },
      shortLived: { cert: read('short.pem'), key: read('rsa.key') },
      otherKey: read('other.key')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
