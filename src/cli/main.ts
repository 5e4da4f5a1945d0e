/** The `warden` command: one file per verb. */

const USAGE = `usage: warden <command> [options]

commands:
  serve       run the IAM and STS endpoint
  configure   write an AWS profile (and role profiles) that point at Warden
  import      load an account snapshot (aws iam get-account-authorization-details output) into a data directory
  export      write a data directory's account as that snapshot JSON
  lint        check policy files like IAM Access Analyzer, offline
  simulate    evaluate a request against a principal's policies and explain the decision
  blueprint   list, show or copy the built-in blueprints (blueprint list|show|init|schema)
  plan        show what apply would create, change and delete
  apply       create or update what a blueprint declares
  destroy     delete what a blueprint created
  request     write the Markdown request for an administrator (no admin rights needed)

every command takes --help, with examples.

exit codes: 0 success, 1 runtime failure (lint: findings at or above --fail-on), 2 usage error,
            3 invalid blueprint, 4 blueprint conflict (nothing changed), 5 plan --detailed-exitcode found changes`

// Each verb loads only its own code: `warden lint` does not pay for the server or the AWS SDK.
const VERBS: Record<string, (argv: string[]) => Promise<number>> = {
  serve: async (argv) => (await import('./serve.js')).serve(argv),
  configure: async (argv) => (await import('./configure.js')).configure(argv),
  lint: async (argv) => (await import('./lint.js')).lint(argv),
  simulate: async (argv) => (await import('./simulate.js')).simulate(argv),
  import: async (argv) => (await import('./import.js')).importCommand(argv),
  export: async (argv) => (await import('./export.js')).exportCommand(argv),
  blueprint: async (argv) => (await import('./blueprint.js')).blueprint(argv),
  plan: async (argv) => (await import('./plan.js')).plan(argv),
  apply: async (argv) => (await import('./apply.js')).apply(argv),
  destroy: async (argv) => (await import('./apply.js')).destroy(argv),
  request: async (argv) => (await import('./request.js')).request(argv)
}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv
  // Object.hasOwn: `warden toString` is an unknown command, not Object.prototype.toString.
  const run = verb !== undefined && Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined
  if (run !== undefined) return run(rest)
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(USAGE + '\n')
    return verb === undefined ? 2 : 0
  }
  process.stderr.write(`warden: unknown command "${verb}"\n${USAGE}\n`)
  return 2
}
