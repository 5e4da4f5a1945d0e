/**
 * What every `warden` verb shares: exit codes, option parsing with help and usage errors,
 * colour only on a terminal, the target options (--profile, --endpoint, --region) and how
 * failures of AWS calls are explained.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

/** Exit codes, documented in README.md and in `warden --help`. */
export const EXIT = {
  ok: 0,
  /** An AWS call failed, the endpoint could not be reached, or apply stopped half-way. */
  failed: 1,
  /** Bad options, an unknown command, blueprint or parameter. */
  usage: 2,
  /** The blueprint file has problems (each printed with its line). */
  invalid: 3,
  /** apply: a declared entity exists and is not the blueprint's; nothing was changed. */
  conflict: 4,
  /** plan --detailed-exitcode: there are changes to apply. */
  changes: 5
} as const

export const EXIT_CODES_HELP = `exit codes: 0 ok, 1 operation failed (lint: findings at or above --fail-on), 2 usage error, 3 invalid blueprint, 4 conflict (nothing changed), 5 plan --detailed-exitcode found changes`

/** Thrown for usage errors; main prints the message and the verb's help hint. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>

/** Parses argv; throws UsageError for unknown options or missing values. */
export function parseOptions<O extends Options>(argv: string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }) as never
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, ''))
  }
}

/** Options that pick where the IAM calls go. */
export const TARGET_OPTIONS = {
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' }
} as const

export const TARGET_HELP = `  --profile NAME    AWS profile (credentials, region, services endpoints); default: AWS_PROFILE or default
  --endpoint URL    IAM and STS endpoint, e.g. http://127.0.0.1:4590 (default: AWS_ENDPOINT_URL or the profile's)
  --region REGION   region for \${region} in policies (default: the profile's, AWS_REGION, or us-east-1)`

/** `--set k=v` (repeatable) into a record. */
export function parseSets(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values ?? []) {
    const eq = v.indexOf('=')
    if (eq <= 0) throw new UsageError(`--set takes NAME=VALUE, got \`${v}\``)
    out[v.slice(0, eq)] = v.slice(eq + 1)
  }
  return out
}

/** A one-line explanation of a failed AWS call or connection, for stderr. */
export function describeError(e: unknown): string {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } }
  const code = err.code ?? err.cause?.code
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
    return `cannot reach the endpoint (${code}): is the server running, and are --endpoint / the profile's endpoint right?`
  }
  if (err.name === 'CredentialsProviderError') return `no AWS credentials: ${err.message} (use --profile, or run \`warden configure\`)`
  if (err.$metadata?.httpStatusCode !== undefined) return `${err.name}: ${err.message}`
  return err.message ?? String(e)
}

/** Writes a line to stdout. */
export function out(line = ''): void {
  process.stdout.write(line + '\n')
}

/** Writes a line to stderr. */
export function err(line = ''): void {
  process.stderr.write(line + '\n')
}

/** Asks a yes/no question on the terminal; false when stdin is not one. */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

/** A failure with its exit code and the lines to print on stderr. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly details: string[] = []
  ) {
    super(message)
  }
}

/** Runs a verb: prints help, usage errors and failures the same way for every verb. */
export async function runVerb(name: string, help: string, argv: string[], body: () => Promise<number>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(help)
    return EXIT.ok
  }
  try {
    return await body()
  } catch (e) {
    if (e instanceof UsageError) {
      err(`warden ${name}: ${e.message}`)
      err(`run \`warden ${name} --help\` for usage`)
      return EXIT.usage
    }
    if (e instanceof CliFailure) {
      err(`warden ${name}: ${e.message}`)
      for (const d of e.details) err(d)
      return e.code
    }
    err(`warden ${name}: ${describeError(e)}`)
    return EXIT.failed
  }
}
