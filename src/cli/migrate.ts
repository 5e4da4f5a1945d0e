/** `warden migrate`: brings the database schema up to date without serving (SQLite in --data, or PostgreSQL). */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { describeStore, migrateStore, type StoreConfig } from '../store/index.js'
import { DB_HELP, DB_OPTIONS, errorText, storeConfigFromArgs } from './db-options.js'

const HELP = `usage: warden migrate [--data ./.warden] [--db URL]

Applies pending schema migrations and exits. Servers also migrate at start, under a lock,
so this is for upgrading ahead of a rollout. A database whose schema is newer than this
version of Warden is refused.

options:
  --data DIR      data directory holding the SQLite file (default ./.warden)
${DB_HELP}`

export async function migrate(argv: string[]): Promise<number> {
  let args
  let store: StoreConfig
  try {
    args = parseArgs({
      args: argv,
      options: { data: { type: 'string', default: '.warden' }, ...DB_OPTIONS, help: { type: 'boolean', short: 'h', default: false } }
    }).values
    store = storeConfigFromArgs(args, process.env)
  } catch (e) {
    process.stderr.write(`warden migrate: ${(e as Error).message}\n\n${HELP}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(HELP + '\n')
    return 0
  }
  const dataDir = resolve(args.data!)
  if (store.kind === 'sqlite') mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  try {
    const { from, to } = await migrateStore(store, dataDir)
    const what = from === to ? `already at schema version ${to}` : `migrated from schema version ${from} to ${to}`
    process.stdout.write(`${describeStore(store, dataDir)}: ${what}\n`)
    return 0
  } catch (e) {
    process.stderr.write(`warden migrate: ${errorText(e)}\n`)
    return 1
  }
}
