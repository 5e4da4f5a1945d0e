/**
 * First start: the account and its root credentials. `WARDEN_ACCOUNT_ID`,
 * `WARDEN_ROOT_ACCESS_KEY_ID` and `WARDEN_ROOT_SECRET_ACCESS_KEY` fix them; otherwise they
 * are generated and printed once. On SQLite they are kept in the data dir (mode 0600,
 * secret sealed); on a database several servers share (PostgreSQL) they are kept in the
 * database, secret sealed with the master key, so every replica uses the same ones and a
 * replica with a different master key is refused at start.
 */
import { randomInt } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyMaterial } from '../auth/key-material.js'
import { open, seal } from '../auth/seal.js'
import { generateSecretAccessKey } from '../iam/access-keys/secret.js'
import { isStoreError, newEntityId, type Store } from '../store/index.js'

export const ROOT_CREDENTIALS_FILE = 'root-credentials.json'

export interface RootCredentials {
  accountId: string
  accessKeyId: string
  secretAccessKey: string
}

export interface BootstrapEnv {
  WARDEN_ACCOUNT_ID?: string
  WARDEN_ROOT_ACCESS_KEY_ID?: string
  WARDEN_ROOT_SECRET_ACCESS_KEY?: string
}

/** Where generated root credentials are kept: the data dir (one server) or the shared database (replicas). */
export type RootCredentialsHome = 'data-dir' | 'database'

interface StoredCredentials {
  accountId: string
  accessKeyId: string
  sealedSecret: string
}

/** Reads or creates the account's root credentials; `generated` is true the one time they are new. */
export async function bootstrapAccount(
  store: Store,
  keys: KeyMaterial,
  dataDir: string | undefined,
  env: BootstrapEnv,
  home: RootCredentialsHome = 'data-dir'
): Promise<{ root: RootCredentials; generated: boolean }> {
  const accountIdEnv = env.WARDEN_ACCOUNT_ID?.trim()
  if (accountIdEnv !== undefined && accountIdEnv !== '' && !/^\d{12}$/.test(accountIdEnv)) {
    throw new Error(`WARDEN_ACCOUNT_ID must be 12 digits, got "${accountIdEnv}"`)
  }
  const file = dataDir && home === 'data-dir' ? join(dataDir, ROOT_CREDENTIALS_FILE) : undefined
  const stored = file && existsSync(file) ? readStored(keys, file) : undefined
  const accountId = await initAccount(store, stored?.accountId ?? (accountIdEnv || randomAccountId()), accountIdEnv)
  const fromEnv = env.WARDEN_ROOT_ACCESS_KEY_ID && env.WARDEN_ROOT_SECRET_ACCESS_KEY
    ? { accessKeyId: env.WARDEN_ROOT_ACCESS_KEY_ID, secretAccessKey: env.WARDEN_ROOT_SECRET_ACCESS_KEY }
    : undefined
  if (home === 'database') return rootFromDatabase(store, keys, accountId, fromEnv)

  let root: RootCredentials
  let generated = false
  if (fromEnv) {
    root = { accountId, ...fromEnv }
  } else if (stored) {
    root = Object.assign({}, stored, { accountId })
  } else {
    root = { accountId, accessKeyId: newEntityId('AKIA'), secretAccessKey: generateSecretAccessKey() }
    generated = true
  }
  if (file && (!stored || stored.accessKeyId !== root.accessKeyId || stored.secretAccessKey !== root.secretAccessKey)) {
    const body: StoredCredentials = { accountId, accessKeyId: root.accessKeyId, sealedSecret: Buffer.from(sealSecret(keys, root.secretAccessKey)).toString('base64') }
    writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 })
    chmodSync(file, 0o600)
  }
  return { root, generated }
}

/**
 * Creates the account with `wanted` unless one exists, and returns its id. Servers racing
 * on a fresh shared database may each pick a random id; the first one's wins.
 */
async function initAccount(store: Store, wanted: string, fromEnv: string | undefined): Promise<string> {
  const existing = (await store.getAccount())?.id
  if (fromEnv && existing && existing !== fromEnv) {
    throw new Error(`this data dir belongs to account ${existing}, not WARDEN_ACCOUNT_ID=${fromEnv}`)
  }
  try {
    return (await store.initAccount(existing ?? wanted)).id
  } catch (err) {
    const winner = isStoreError(err, 'Conflict') ? (await store.getAccount())?.id : undefined
    if (winner === undefined || (fromEnv && winner !== fromEnv)) throw err
    return winner
  }
}

/**
 * Root credentials on a shared database: the first server records its own (from the
 * environment, or generated) sealed with the master key; every server then opens the
 * recorded ones, which also proves it has the same master key. Credentials from the
 * environment are used as given, so set them on every replica or on none.
 */
async function rootFromDatabase(
  store: Store,
  keys: KeyMaterial,
  accountId: string,
  fromEnv: { accessKeyId: string; secretAccessKey: string } | undefined
): Promise<{ root: RootCredentials; generated: boolean }> {
  let recorded = await store.getRootCredentials()
  let mine: { accessKeyId: string; secretAccessKey: string } | undefined
  if (!recorded) {
    mine = fromEnv ?? { accessKeyId: newEntityId('AKIA'), secretAccessKey: generateSecretAccessKey() }
    recorded = await store.initRootCredentials({ accessKeyId: mine.accessKeyId, sealedSecret: sealSecret(keys, mine.secretAccessKey) })
  }
  const secret = open(keys, 'secret-at-rest', Buffer.from(recorded.sealedSecret))
  if (!secret) {
    throw new Error('the root credentials in the database cannot be opened with this master key: ' +
      'every server on one database must run with the same WARDEN_MASTER_KEY')
  }
  if (fromEnv) return { root: { accountId, ...fromEnv }, generated: false }
  const root = { accountId, accessKeyId: recorded.accessKeyId, secretAccessKey: secret.toString('utf8') }
  return { root, generated: mine !== undefined && mine.accessKeyId === root.accessKeyId }
}

function sealSecret(keys: KeyMaterial, secret: string): Uint8Array {
  return seal(keys, 'secret-at-rest', Buffer.from(secret))
}

/** The root credentials kept in a data dir, or undefined when it has none (`warden configure --data`). */
export function readRootCredentials(keys: KeyMaterial, dataDir: string): RootCredentials | undefined {
  const file = join(dataDir, ROOT_CREDENTIALS_FILE)
  return existsSync(file) ? readStored(keys, file) : undefined
}

function readStored(keys: KeyMaterial, file: string): RootCredentials {
  const body = JSON.parse(readFileSync(file, 'utf8')) as StoredCredentials
  const secret = open(keys, 'secret-at-rest', Buffer.from(body.sealedSecret, 'base64'))
  if (!secret) throw new Error(`${file} cannot be opened with this master key (was WARDEN_MASTER_KEY or master.key changed?)`)
  return { accountId: body.accountId, accessKeyId: body.accessKeyId, secretAccessKey: secret.toString('utf8') }
}

function randomAccountId(): string {
  let id = String(randomInt(1, 10))
  for (let i = 0; i < 11; i++) id += String(randomInt(0, 10))
  return id
}
