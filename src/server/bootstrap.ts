/**
 * First start of a data dir: the account and its root credentials. `WARDEN_ACCOUNT_ID`,
 * `WARDEN_ROOT_ACCESS_KEY_ID` and `WARDEN_ROOT_SECRET_ACCESS_KEY` fix them; otherwise they
 * are generated, printed once, and kept in the data dir (mode 0600, secret sealed).
 */
import { randomInt } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyMaterial } from '../auth/key-material.js'
import { open, seal } from '../auth/seal.js'
import { generateSecretAccessKey } from '../iam/access-keys/secret.js'
import { newEntityId, type Store } from '../store/index.js'

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
  env: BootstrapEnv
): Promise<{ root: RootCredentials; generated: boolean }> {
  const accountIdEnv = env.WARDEN_ACCOUNT_ID?.trim()
  if (accountIdEnv !== undefined && accountIdEnv !== '' && !/^\d{12}$/.test(accountIdEnv)) {
    throw new Error(`WARDEN_ACCOUNT_ID must be 12 digits, got "${accountIdEnv}"`)
  }
  const file = dataDir ? join(dataDir, ROOT_CREDENTIALS_FILE) : undefined
  const stored = file && existsSync(file) ? readStored(keys, file) : undefined
  const existing = await store.getAccount()
  const accountId = existing?.id ?? stored?.accountId ?? (accountIdEnv || randomAccountId())
  if (accountIdEnv && existing && existing.id !== accountIdEnv) {
    throw new Error(`this data dir belongs to account ${existing.id}, not WARDEN_ACCOUNT_ID=${accountIdEnv}`)
  }
  await store.initAccount(accountId)

  let root: RootCredentials
  let generated = false
  if (env.WARDEN_ROOT_ACCESS_KEY_ID && env.WARDEN_ROOT_SECRET_ACCESS_KEY) {
    root = { accountId, accessKeyId: env.WARDEN_ROOT_ACCESS_KEY_ID, secretAccessKey: env.WARDEN_ROOT_SECRET_ACCESS_KEY }
  } else if (stored) {
    root = { ...stored, accountId }
  } else {
    root = { accountId, accessKeyId: newEntityId('AKIA'), secretAccessKey: generateSecretAccessKey() }
    generated = true
  }
  if (file && (!stored || stored.accessKeyId !== root.accessKeyId || stored.secretAccessKey !== root.secretAccessKey)) {
    const body: StoredCredentials = {
      accountId,
      accessKeyId: root.accessKeyId,
      sealedSecret: Buffer.from(seal(keys, 'secret-at-rest', Buffer.from(root.secretAccessKey))).toString('base64')
    }
    writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 })
    chmodSync(file, 0o600)
  }
  return { root, generated }
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
