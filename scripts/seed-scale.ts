/**
 * `npm run seed:scale`: fills a Warden database with the scale data set of issue 6
 * (scripts/seed/scale-data.ts) through the Store, in one transaction per batch.
 *
 *   npm run seed:scale -- --data DIR [--roles 100000 --policies 100000 --users 10000]
 *   npm run seed:scale -- --db postgres://postgres@127.0.0.1:5432/test --db-schema NAME --bulk --concurrency 2
 *
 * The account, root credentials and master key are those `warden serve` would use with the
 * same --data/--db and environment (WARDEN_ACCOUNT_ID, WARDEN_ROOT_*, WARDEN_MASTER_KEY), so
 * a server started on it afterwards accepts the seeded keys. The users' keys are written to
 * --keys-out (CSV `user,accessKeyId,secretAccessKey`, mode 0600; default DIR/scale-keys.csv).
 * `--bulk` (PostgreSQL only) writes the same rows with multi-row statements instead of one
 * Store call per entity (scripts/seed/pg-bulk.ts): minutes instead of an hour on this machine.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DB_OPTIONS, errorText, storeConfigFromArgs } from '../src/cli/db-options.js'
import { loadKeyMaterial } from '../src/auth/key-material.js'
import { bootstrapAccount } from '../src/server/bootstrap.js'
import { describeStore, isSharedStore, openStore } from '../src/store/index.js'
import { bulkSeedPostgres } from './seed/pg-bulk.js'
import { scaleRoleName, seedScale, type SeedOptions } from './seed/scale-data.js'

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${text}"`)
  return n
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      data: { type: 'string', default: '.warden' },
      ...DB_OPTIONS,
      roles: { type: 'string' },
      policies: { type: 'string' },
      users: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      'keys-out': { type: 'string' },
      bulk: { type: 'boolean', default: false }
    }
  })
  const config = storeConfigFromArgs(args, process.env)
  if (args.bulk && config.kind !== 'postgres') throw new Error('--bulk is for PostgreSQL (--db postgres://...); SQLite is seeded through the Store')
  const dataDir = resolve(args.data)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const counts = { roles: count('roles', args.roles, 100_000), policies: count('policies', args.policies, 100_000), users: count('users', args.users, 10_000) }
  const keys = loadKeyMaterial({ dataDir, envValue: process.env.WARDEN_MASTER_KEY })
  const started = performance.now()
  const store = await openStore(config, dataDir)
  try {
    const { root } = await bootstrapAccount(store, keys, dataDir, process.env, isSharedStore(config) ? 'database' : 'data-dir')
    if (await store.getRole(scaleRoleName(0))) throw new Error(`${describeStore(config, dataDir)} is seeded already (role ${scaleRoleName(0)} exists)`)
    const total = counts.roles + counts.policies + counts.users
    let reported = 0
    const options: SeedOptions = {
      ...counts,
      accountId: root.accountId,
      batch: count('batch', args.batch, 2000),
      concurrency: count('concurrency', args.concurrency, 1),
      progress: (done) => {
        if (done - reported < total / 10) return
        reported = done
        process.stderr.write(`  ${done}/${total} entities, ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
      }
    }
    const keysOut = args.bulk && config.kind === 'postgres'
      ? await bulkSeedPostgres(config.url, config.schema, keys, options)
      : await seedScale(store, keys, options)
    const file = resolve(args['keys-out'] ?? join(dataDir, 'scale-keys.csv'))
    writeFileSync(file, keysOut.map((k) => `${k.userName},${k.accessKeyId},${k.secretAccessKey}`).join('\n') + '\n', { mode: 0o600 })
    chmodSync(file, 0o600)
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(`seeded ${describeStore(config, dataDir)}: ${counts.roles} roles, ${counts.policies} policies, ` +
      `${counts.users} users with access keys in ${seconds.toFixed(1)} s${args.bulk ? ' (bulk)' : ''}; keys in ${file}\n`)
    return 0
  } finally {
    await store.close()
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`seed:scale: ${errorText(e)}\n`)
  process.exit(1)
})
