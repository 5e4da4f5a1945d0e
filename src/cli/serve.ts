/** `warden serve`: starts the IAM and STS endpoint on SQLite in the data dir. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createWarden } from '../server/app.js'
import { DEFAULT_DATA_DIR } from './data-dir.js'

export const DEFAULT_PORT = 4590

const HELP = `usage: warden serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--data ./.warden] [--dev]

Serves AWS IAM and STS (Query protocol, SigV4) on one endpoint.

options:
  --host HOST     address to bind (default 127.0.0.1)
  --port PORT     port (default ${DEFAULT_PORT}; 0 picks a free one)
  --data DIR      data directory: SQLite file, master key, root credentials (default ./.warden)
  --db URL        database URL (postgres://... is not supported yet; SQLite in --data is the default)
  --dev           enable POST /_warden/reset (empties all state, keeps the root credentials)

environment:
  WARDEN_ACCOUNT_ID, WARDEN_ROOT_ACCESS_KEY_ID, WARDEN_ROOT_SECRET_ACCESS_KEY   fix the account and root keys
  WARDEN_MASTER_KEY   32-byte key (base64) for session tokens and secrets at rest (default: <data>/master.key)

example:
  warden serve --port 4590 --data ./.warden
  aws --endpoint-url http://127.0.0.1:4590 sts get-caller-identity`

export async function serve(argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        db: { type: 'string' },
        dev: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }).values
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
  const dbUrl = args.db ?? process.env.WARDEN_DB_URL
  if (dbUrl && !dbUrl.startsWith('sqlite:')) {
    process.stderr.write(`warden serve: --db ${dbUrl.split('://')[0]}://... is not supported yet; omit --db to use SQLite in --data\n`)
    return 2
  }
  const warden = await createWarden({ dataDir: resolve(args.data!), dev: args.dev, env: process.env })
  if (warden.generatedRoot) {
    process.stdout.write(
      `created account ${warden.accountId}; root credentials (shown once, kept in ${resolve(args.data!)} with mode 0600):\n` +
        `  AWS_ACCESS_KEY_ID=${warden.root.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${warden.root.secretAccessKey}\n`
    )
  }
  const address = await warden.listen(port, args.host!)
  process.stdout.write(`warden listening on http://${args.host}:${address.port}\n`)
  const stop = () => {
    void warden.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return new Promise<number>(() => {})
}
