/** The `warden` command: one file per verb. */

const USAGE = `usage: warden <command> [options]

commands:
  serve     run the IAM and STS endpoint (warden serve --help)
  import    load an account snapshot (aws iam get-account-authorization-details output) into a data directory
  export    write a data directory's account as that snapshot JSON
  lint      check policy files like IAM Access Analyzer, offline (warden lint --help)
  simulate  evaluate a request against a principal's policies and explain the decision (warden simulate --help)

exit codes: 0 success, 1 runtime failure (lint: findings at or above --fail-on), 2 usage error`

// Each verb loads only its own code: `warden lint` does not pay for the server or the AWS SDK.
const VERBS: Record<string, (argv: string[]) => Promise<number>> = {
  serve: async (argv) => (await import('./serve.js')).serve(argv),
  lint: async (argv) => (await import('./lint.js')).lint(argv),
  simulate: async (argv) => (await import('./simulate.js')).simulate(argv),
  import: async (argv) => (await import('./import.js')).importCommand(argv),
  export: async (argv) => (await import('./export.js')).exportCommand(argv)
}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv
  const run = verb === undefined ? undefined : VERBS[verb]
  if (run !== undefined) return run(rest)
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(USAGE + '\n')
    return verb === undefined ? 2 : 0
  }
  process.stderr.write(`warden: unknown command "${verb}"\n${USAGE}\n`)
  return 2
}
