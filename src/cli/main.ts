/** The `warden` command: one file per verb. */
import { EXIT_CODES_HELP } from './common.js'

type Verb = (argv: string[]) => Promise<number>
// Loaded on use: `warden serve` need not load the AWS SDK, `--help` need not load anything.
const VERBS: Record<string, () => Promise<Verb>> = {
  serve: async () => (await import('./serve.js')).serve,
  migrate: async () => (await import('./migrate.js')).migrate,
  configure: async () => (await import('./configure.js')).configure,
  blueprint: async () => (await import('./blueprint.js')).blueprint,
  plan: async () => (await import('./plan.js')).plan,
  apply: async () => (await import('./apply.js')).apply,
  destroy: async () => (await import('./apply.js')).destroy,
  request: async () => (await import('./request.js')).request,
  lint: async () => (await import('./lint.js')).lint,
  simulate: async () => (await import('./simulate.js')).simulate,
  import: async () => (await import('./import.js')).importCommand,
  export: async () => (await import('./export.js')).exportCommand
}

const USAGE = `usage: warden <command> [options]

commands:
  serve       run the IAM and STS endpoint (on SQLite in the data dir, or on PostgreSQL with --db)
  migrate     apply database schema migrations and exit
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

${EXIT_CODES_HELP}`

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv
  const load = verb !== undefined && Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined
  if (load) return (await load())(rest)
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(USAGE + '\n')
    return verb === undefined ? 2 : 0
  }
  process.stderr.write(`warden: unknown command "${verb}"\n${USAGE}\n`)
  return 2
}
