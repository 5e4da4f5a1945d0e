/**
 * `warden export [FILE]`: writes the account in a data directory as the JSON that
 * `aws iam get-account-authorization-details` prints, to FILE or standard output.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { exportSnapshot, snapshotText } from '../snapshot/index.js'
import { openSqliteStore, sqliteFileIn } from '../store/index.js'
import { DEFAULT_DATA_DIR, hasDatabase } from './data-dir.js'
import { parseVerbArgs } from './verb-args.js'

const HELP = `usage: warden export [FILE] [--data ${DEFAULT_DATA_DIR}]

Writes the account as \`aws iam get-account-authorization-details\` prints it: users,
groups, roles with their instance profiles, customer managed policies with every version,
and the AWS managed policies in use (from Warden's catalog), to FILE or standard output.
\`warden import\` reads it back into an identical account.

options:
  --data DIR      data directory (default ${DEFAULT_DATA_DIR})

example:
  warden export account.json --data ./.warden`

export async function exportCommand(argv: string[]): Promise<number> {
  const args = parseVerbArgs('export', argv, HELP)
  if (typeof args === 'number') return args
  const [file, ...extra] = args.positionals
  if (extra.length > 0) {
    process.stderr.write(`warden export: give at most one FILE\n\n${HELP}\n`)
    return 2
  }
  const dataDir = resolve(args.data)
  if (!hasDatabase(dataDir)) {
    process.stderr.write(`warden export: ${dataDir} holds no Warden data (no ${sqliteFileIn(dataDir)})\n`)
    return 1
  }
  const store = await openSqliteStore({ filename: sqliteFileIn(dataDir) })
  let text: string
  try {
    text = snapshotText(await exportSnapshot(store))
  } finally {
    await store.close()
  }
  if (file === undefined || file === '-') process.stdout.write(text)
  else writeFileSync(file, text)
  return 0
}
