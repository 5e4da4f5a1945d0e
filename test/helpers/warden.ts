/**
 * End-to-end test harness: a real Warden server in-process on an ephemeral port (temp
 * data dir, fixed root credentials), and AWS SDK v3 clients pointed at it. The database
 * is SQLite, or PostgreSQL (a fresh schema per server unless one is given) with
 * `db: 'postgres'` or `WARDEN_TEST_DB=postgres` (the vitest project `e2e-postgres` sets
 * it to run end-to-end files against PostgreSQL too).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand, AttachUserPolicyCommand } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'
import { createWarden, type Warden as WardenServer } from '../../src/server/app.js'
import type { PostgresStoreOptions, StoreConfig } from '../../src/store/index.js'
import { TEST_PG_URL, TestSchema } from '../../src/store/postgres/testing/test-database.js'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface RunningWarden {
  endpoint: string
  accountId: string
  root: Credentials
  warden: WardenServer
  /** Log lines the server wrote (JSON, one per request). */
  logs: string[]
  /** The database this server runs on. */
  db: 'sqlite' | 'postgres'
  iam(creds?: Credentials): IAMClient
  sts(creds?: Credentials): STSClient
  reset(): Promise<void>
  stop(): Promise<void>
}

/** The harness's running server (the name the end-to-end tests import). */
export type Warden = RunningWarden

export const TEST_ACCOUNT_ID = '123456789012'
export const TEST_ROOT = { accessKeyId: 'AKIAWARDENROOTTEST01', secretAccessKey: 'wardenRootSecretForTestsOnly0000000000000' }

export interface StartOptions {
  dataDir?: string
  clockSkewSeconds?: number
  now?: () => Date
  /** Default: `WARDEN_TEST_DB`, else sqlite. */
  db?: 'sqlite' | 'postgres'
  /** PostgreSQL settings; without `schema`, a fresh schema dropped when the server stops. */
  postgres?: Partial<PostgresStoreOptions>
  /** WARDEN_MASTER_KEY (replicas must share one); default: a key in the data dir. */
  masterKey?: string
  /** Root credentials from the environment (default: TEST_ROOT); false lets the server generate or load them. */
  fixedRoot?: boolean
  /** WARDEN_PUBLIC_URL (replicas behind one load balancer share one); default: the listen address. */
  publicUrl?: string
}

/** The database end-to-end tests use unless told otherwise. */
export function defaultTestDb(): 'sqlite' | 'postgres' {
  return process.env.WARDEN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite'
}

/** Starts Warden with --dev semantics on a free port; `now` moves the server's clock (widen clockSkewSeconds with it). */
export async function startWarden(options: StartOptions = {}): Promise<RunningWarden> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warden-e2e-'))
  const logs: string[] = []
  const db = options.db ?? defaultTestDb()
  const ownSchema = db === 'postgres' && options.postgres?.schema === undefined ? new TestSchema() : undefined
  const store: StoreConfig = db === 'postgres'
    ? { kind: 'postgres', url: TEST_PG_URL, poolSize: 4, ...options.postgres, schema: options.postgres?.schema ?? ownSchema!.name }
    : { kind: 'sqlite' }
  const root = options.fixedRoot === false ? {} : { WARDEN_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey }
  const warden = await createWarden({
    dataDir,
    store,
    dev: true,
    clockSkewSeconds: options.clockSkewSeconds,
    now: options.now,
    log: (line) => logs.push(line),
    ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    env: { WARDEN_ACCOUNT_ID: TEST_ACCOUNT_ID, ...root, ...(options.masterKey ? { WARDEN_MASTER_KEY: options.masterKey } : {}) }
  }).catch(async (err: unknown) => {
    await ownSchema?.drop().catch(() => undefined)
    throw err
  })
  const address = await warden.listen(0, '127.0.0.1')
  const endpoint = `http://127.0.0.1:${address.port}`
  const clientConfig = (creds?: Credentials) => ({ endpoint, region: 'us-east-1', credentials: creds ?? warden.root, maxAttempts: 1 })
  return {
    endpoint,
    accountId: warden.accountId,
    root: warden.root,
    db,
    warden,
    logs,
    iam: (creds) => new IAMClient(clientConfig(creds)),
    sts: (creds) => new STSClient(clientConfig(creds)),
    reset: async () => {
      const r = await fetch(`${endpoint}/_warden/reset`, { method: 'POST' })
      if (r.status !== 200) throw new Error(`reset failed: ${r.status}`)
    },
    stop: async () => {
      await warden.close()
      await ownSchema?.drop()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Creates an IAM user with an access key, optional inline policy documents and attached managed policies. */
export async function createUserWithKeys(
  w: RunningWarden,
  name: string,
  options: { inlinePolicy?: unknown; inlinePolicies?: unknown[]; managedPolicyArns?: string[]; path?: string } = {}
): Promise<{ credentials: Credentials; arn: string; userId: string }> {
  const iam = w.iam()
  const user = await iam.send(new CreateUserCommand({ UserName: name, Path: options.path }))
  const docs = [...(options.inlinePolicy !== undefined ? [options.inlinePolicy] : []), ...(options.inlinePolicies ?? [])]
  for (const [i, doc] of docs.entries()) {
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: `inline-${i}`, PolicyDocument: typeof doc === 'string' ? doc : JSON.stringify(doc) }))
  }
  for (const arn of options.managedPolicyArns ?? []) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: arn }))
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }))
  return {
    credentials: { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! },
    arn: user.User!.Arn!,
    userId: user.User!.UserId!
  }
}

/** The error a client call failed with (name, message, HTTP status); throws if the call succeeded. */
export async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }
  }
  throw new Error('expected the call to fail')
}

/**
 * Like {@link errorOf}, but with the AWS error code as it travelled on the wire (`name`):
 * the SDK names modeled errors `<Code>Exception`, so their name is mapped back.
 */
export async function awsErrorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: err.Code ?? err.name.replace(/Exception$/, ''), message: err.message, status: err.$metadata?.httpStatusCode }
  }
  throw new Error('expected the call to fail')
}
