/** Argument parsing shared by the data-directory verbs: `--data`, `--help`, positionals. */
import { parseArgs } from 'node:util'
import { DEFAULT_DATA_DIR } from './data-dir.js'

/** The parsed `--data` and positionals, or the exit code when the verb is done (help, usage error). */
export function parseVerbArgs(verb: string, argv: string[], help: string): { data: string; positionals: string[] } | number {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { data: { type: 'string', default: DEFAULT_DATA_DIR }, help: { type: 'boolean', short: 'h', default: false } } })
  } catch (e) {
    process.stderr.write(`warden ${verb}: ${(e as Error).message}\n\n${help}\n`)
    return 2
  }
  if (parsed.values.help) {
    process.stdout.write(help + '\n')
    return 0
  }
  return { data: parsed.values.data!, positionals: parsed.positionals }
}
