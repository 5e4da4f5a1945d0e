/** The `warden` command: one file per verb. */
import { exportCommand } from './export.js'
import { importCommand } from './import.js'
import { serve } from './serve.js'

const USAGE = `usage: warden <command> [options]

commands:
  serve     run the IAM and STS endpoint (warden serve --help)
  import    load an account snapshot (aws iam get-account-authorization-details output) into a data directory
  export    write a data directory's account as that snapshot JSON

exit codes: 0 success, 1 runtime failure, 2 usage error`

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv
  if (verb === 'serve') return serve(rest)
  if (verb === 'import') return importCommand(rest)
  if (verb === 'export') return exportCommand(rest)
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(USAGE + '\n')
    return verb === undefined ? 2 : 0
  }
  process.stderr.write(`warden: unknown command "${verb}"\n${USAGE}\n`)
  return 2
}
