/** `warden serve`: starts the IAM and STS endpoint on SQLite in the data dir, or on PostgreSQL. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createWarden } from '../server/app.js'
import { describeStore, type StoreConfig } from '../store/index.js'
import { DB_HELP, DB_OPTIONS, errorText, storeConfigFromArgs } from './db-options.js'
import { DEFAULT_DATA_DIR } from './data-dir.js'

export const DEFAULT_PORT = 4590

const HELP = `usage: warden serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--data ./.warden] [--db URL] [--public-url URL] [--dev]

Serves AWS IAM and STS (Query protocol, SigV4) on one endpoint.

options:
  --host HOST     address to bind (default 127.0.0.1)
  --port PORT     port (default ${DEFAULT_PORT}; 0 picks a free one)
  --data DIR      data directory: SQLite file, master key, root credentials (default ./.warden)
${DB_HELP}
  --public-url URL  the URL clients reach this server at (env WARDEN_PUBLIC_URL; default http://HOST:PORT):
                  the base of the outbound identity federation issuer, URL/_warden/oidc/<uuid>
  --dev           enable POST /_warden/reset (empties all state, keeps the root credentials)

environment:
  WARDEN_ACCOUNT_ID, WARDEN_ROOT_ACCESS_KEY_ID, WARDEN_ROOT_SECRET_ACCESS_KEY   fix the account and root keys
  WARDEN_MASTER_KEY   32-byte key (base64) for session tokens and secrets at rest (default: <data>/master.key);
                      servers sharing a PostgreSQL database must all run with the same one

example:
  warden serve --port 4590 --data ./.warden
  WARDEN_MASTER_KEY=$(openssl rand -base64 32) warden serve --db postgres://warden@db:5432/warden
  aws --endpoint-url http://127.0.0.1:4590 sts get-caller-identity`

export async function serve(argv: string[]): Promise<number> {
  let args
  let store: StoreConfig
  try {
    args = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        ...DB_OPTIONS,
        'public-url': { type: 'string' },
        dev: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }).values
    store = storeConfigFromArgs(args, process.env)
  } catch (e) {
    process.stderr.write(`warden serve: ${(e as Error).message}\n\n${HELP}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(HELP + '\n')
    return 0
  }
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`warden serve: --port must be a number from 0 to 65535, got "${args.port}"\n`)
    return 2
  }
  const dataDir = resolve(args.data!)
  let warden
  try {
    const publicUrl = args['public-url'] ?? (process.env.WARDEN_PUBLIC_URL || undefined)
    warden = await createWarden({ dataDir, store, dev: args.dev, env: process.env, ...(publicUrl !== undefined ? { publicUrl } : {}) })
  } catch (e) {
    process.stderr.write(`warden serve: cannot start on ${describeStore(store, dataDir)}: ${errorText(e)}\n`)
    return 1
  }
  if (warden.generatedRoot) {
    const kept = store.kind === 'postgres' ? 'kept in the database, secret sealed with the master key' : `kept in ${dataDir} with mode 0600`
    process.stdout.write(
      `created account ${warden.accountId}; root credentials (shown once, ${kept}):\n` +
        `  AWS_ACCESS_KEY_ID=${warden.root.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${warden.root.secretAccessKey}\n`
    )
  }
  const address = await warden.listen(port, args.host!)
  process.stdout.write(`warden listening on http://${args.host}:${address.port} (${describeStore(store, dataDir)})\n`)
  const stop = () => {
    void warden.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return new Promise<number>(() => {})
}
