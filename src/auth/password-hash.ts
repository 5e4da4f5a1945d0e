/**
 * Console password hashing with scrypt (memory-hard, RFC 7914) from node:crypto. The
 * encoding carries its own parameters and salt, `scrypt$ln=15,r=8,p=1$<salt>$<hash>`
 * (base64), so the cost can be raised later without breaking stored hashes. Hashing runs
 * on libuv's thread pool, never on the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** N = 2^15, r = 8, p = 1: 32 MiB per hash, the cost the IAM guidance in this project settled on. */
export const PASSWORD_HASH_PARAMS = Object.freeze({ ln: 15, r: 8, p: 1 })
const SALT_BYTES = 16
const KEY_BYTES = 32
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/

function derive(password: string, salt: Buffer, params: { ln: number; r: number; p: number }, length: number): Promise<Buffer> {
  const N = 2 ** params.ln
  // scrypt needs 128 * N * r * p bytes; leave room over Node's 32 MiB default.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r * params.p }
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(password, 'utf8'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** The stored form of a password: scrypt with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const { ln, r, p } = PASSWORD_HASH_PARAMS
  const key = await derive(password, salt, PASSWORD_HASH_PARAMS, KEY_BYTES)
  return `scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** True when `password` is the one `encoded` was made from (constant-time compare); false for anything malformed. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = FORMAT.exec(encoded)
  if (!m) return false
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  // Bounds keep a corrupt row from asking for gigabytes.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 16 || params.p < 1 || params.p > 16) return false
  const salt = Buffer.from(m[4]!, 'base64')
  const expected = Buffer.from(m[5]!, 'base64')
  if (expected.length < 16) return false
  const actual = await derive(password, salt, params, expected.length)
  return timingSafeEqual(actual, expected)
}
