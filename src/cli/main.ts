/** The `warden` command: one file per verb. */
import { apply, destroy } from './apply.js'
import { blueprint } from './blueprint.js'
import { EXIT_CODES_HELP } from './common.js'
import { configure } from './configure.js'
import { plan } from './plan.js'
import { request } from './request.js'
import { serve } from './serve.js'

const VERBS: Record<string, (argv: string[]) => Promise<number>> = { serve, configure, blueprint, plan, apply, destroy, request }

const USAGE = `usage: warden <command> [options]

commands:
  serve       run the IAM and STS endpoint
  configure   write an AWS profile (and role profiles) that point at Warden
  blueprint   list, show or copy the built-in blueprints (blueprint list|show|init|schema)
  plan        show what apply would create, change and delete
  apply       create or update what a blueprint declares
  destroy     delete what a blueprint created
  request     write the Markdown request for an administrator (no admin rights needed)

every command takes --help, with examples.

${EXIT_CODES_HELP}`

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // The SDK warns on every run that its 2027 releases will need Node 22; a CLI user cannot act on it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const [verb, ...rest] = argv
  const run = verb === undefined ? undefined : VERBS[verb]
  if (run) return run(rest)
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(USAGE + '\n')
    return verb === undefined ? 2 : 0
  }
  process.stderr.write(`warden: unknown command "${verb}"\n${USAGE}\n`)
  return 2
}
