/**
 * `warden import FILE`: loads the JSON that `aws iam get-account-authorization-details`
 * prints into a data directory, in one transaction. The file is read and checked whole
 * before the data directory is touched; a refused file, or a failure while writing,
 * leaves the directory as it was (a directory this command created is removed again).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadKeyMaterial } from '../auth/key-material.js'
import { bootstrapAccount } from '../server/bootstrap.js'
import { applySnapshot, parseSnapshotText, SnapshotError, validateSnapshot, type ImportSummary } from '../snapshot/index.js'
import { openSqliteStore, sqliteFileIn, type Store } from '../store/index.js'
import { dataDirState, DEFAULT_DATA_DIR, restoreDataDir } from './data-dir.js'
import { parseVerbArgs } from './verb-args.js'

const HELP = `usage: warden import FILE [--data ${DEFAULT_DATA_DIR}]

Loads an account snapshot: the JSON that \`aws iam get-account-authorization-details\`
prints (users, groups, roles, customer managed policies with all versions, attachments,
inline policies, instance profiles, permissions boundaries, tags). Ids, ARNs and dates are
kept. The data directory must hold no users, groups, roles, policies or instance profiles;
a new one gets the snapshot's account id (and root credentials, printed once).

Everything is checked first and written in one transaction: a refused file changes nothing
and every problem is listed with its JSON path. Stop \`warden serve\` on the same directory
first, or its writes wait while the import runs.

options:
  --data DIR      data directory (default ${DEFAULT_DATA_DIR}); created if missing
  FILE            the snapshot, or - for standard input

example:
  aws iam get-account-authorization-details > account.json
  warden import account.json --data ./.warden`

function describe(s: ImportSummary): string {
  return `${s.users} users, ${s.groups} groups, ${s.roles} roles, ${s.policies} customer managed policies ` +
    `(${s.policyVersions} versions), ${s.instanceProfiles} instance profiles`
}

export async function importCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseVerbArgs('import', argv, HELP)
  if (typeof args === 'number') return args
  const [file, ...extra] = args.positionals
  if (file === undefined || extra.length > 0) {
    process.stderr.write(`warden import: give exactly one FILE\n\n${HELP}\n`)
    return 2
  }
  let text: string
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (e) {
    process.stderr.write(`warden import: cannot read ${file}: ${(e as Error).message}\n`)
    return 1
  }
  const dataDir = resolve(args.data)
  try {
    const snapshot = await validateSnapshot(parseSnapshotText(text))
    const envAccount = env.WARDEN_ACCOUNT_ID?.trim()
    if (envAccount && snapshot.accountId !== undefined && envAccount !== snapshot.accountId) {
      throw new SnapshotError([{ path: '$', message: `the file is account ${snapshot.accountId}'s but WARDEN_ACCOUNT_ID is ${envAccount}` }])
    }
    const before = dataDirState(dataDir)
    let store: Store | undefined
    try {
      const keys = loadKeyMaterial({ dataDir, envValue: env.WARDEN_MASTER_KEY })
      store = await openSqliteStore({ filename: sqliteFileIn(dataDir) })
      const fresh = (await store.getAccount()) === undefined
      const boot = fresh
        ? await bootstrapAccount(store, keys, dataDir, { ...env, WARDEN_ACCOUNT_ID: snapshot.accountId ?? envAccount })
        : undefined
      const summary = await applySnapshot(store, snapshot)
      await store.close()
      process.stdout.write(`imported account ${summary.accountId} into ${dataDir}: ${describe(summary)}\n`)
      if (boot?.generated) {
        process.stdout.write(`root credentials (shown once, kept in ${dataDir} with mode 0600):\n` +
          `  AWS_ACCESS_KEY_ID=${boot.root.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${boot.root.secretAccessKey}\n`)
      }
      return 0
    } catch (e) {
      await store?.close()
      restoreDataDir(before)
      throw e
    }
  } catch (e) {
    if (e instanceof SnapshotError) {
      process.stderr.write(`warden import: ${file}: ${e.message}\nnothing was changed.\n`)
      return 1
    }
    process.stderr.write(`warden import: ${(e as Error).message}\nnothing was changed.\n`)
    return 1
  }
}
