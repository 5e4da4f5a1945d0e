/** `warden lint`: checks policy files offline and reports Access Analyzer-style findings. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { extname, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { prepareLintCatalog } from '../catalog/lint-catalog.js'
import { FINDING_TYPES, isPolicyOrTemplate, lintDocument, lintMarkdown, type FindingType, type LintKind } from '../policy/lint/index.js'
import { paletteFor } from './color.js'
import { failsAt, renderJson, renderText, type FileReport } from './lint-report.js'
import { toSarif } from './lint-sarif.js'

const KINDS: readonly LintKind[] = ['auto', 'identity', 'trust', 'resource', 'boundary', 'session', 'scp', 'rcp']
const FORMATS = ['text', 'json', 'sarif'] as const
const POLICY_EXTENSIONS = new Set(['.json'])
const GUIDE_EXTENSIONS = new Set(['.md', '.markdown', '.txt'])

const HELP = `usage: warden lint [options] FILE|DIR ...

Checks IAM policies offline, as IAM Access Analyzer's policy validation does: what IAM
rejects (ERROR), overly permissive grants (SECURITY_WARNING), mistakes that make a policy
not do what it says (WARNING) and tidy-ups (SUGGESTION). Each finding has a stable issue
code (Access Analyzer's where AWS has one), its line and column, and a link explaining it.

inputs:
  FILE.json   a policy document (identity, trust or resource policy: --kind, or guessed),
              or IAM principals in CloudFormation form: a template, one AWS::IAM::Role /
              User / Group / ManagedPolicy resource, or its Properties. Trust policies,
              inline policies and attached AWS managed policies (ManagedPolicyArns) are all
              checked, e.g. {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]}
  FILE.md     a guide (also .markdown, .txt): its \`\`\`json blocks and the AWS managed
              policies it names are checked
  DIR         every policy or template .json file below it (other JSON is skipped), and
              every .md, .markdown and .txt file
  -           a policy document on standard input

options:
  --kind KIND         auto (default), identity, trust, resource, boundary, session, scp, rcp
  --format FORMAT     text (default), json, sarif (SARIF 2.1.0, for code scanning)
  --json              same as --format json
  --fail-on SEVERITY  exit 1 when a finding is at or above SEVERITY: ERROR (default),
                      SECURITY_WARNING, WARNING, SUGGESTION, or none (never fail)
  -h, --help          this text

Colour is used on a terminal only; NO_COLOR turns it off, FORCE_COLOR on.

exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage error (unknown option or value, no input, a file that cannot be read)

examples:
  warden lint policy.json
  warden lint --kind trust trust-policy.json
  warden lint --fail-on SECURITY_WARNING policies/
  warden lint --format sarif policies/ > warden-lint.sarif
  aws iam get-role-policy --role-name r --policy-name p --query PolicyDocument | warden lint -`

interface LintArgs {
  inputs: string[]
  kind: LintKind
  format: (typeof FORMATS)[number]
  failOn: FindingType | 'none'
}

/** Runs `warden lint`; returns the exit code. */
export async function lint(argv: string[], io: { stdin?: NodeJS.ReadableStream } = {}): Promise<number> {
  const parsed = parseLintArgs(argv)
  if (typeof parsed === 'string') {
    if (parsed === 'help') {
      process.stdout.write(HELP + '\n')
      return 0
    }
    process.stderr.write(`warden lint: ${parsed}\n\nrun \`warden lint --help\` for usage\n`)
    return 2
  }
  let files: { file: string; text: string; guide: boolean }[]
  try {
    files = await readInputs(parsed.inputs, io.stdin ?? process.stdin)
  } catch (e) {
    process.stderr.write(`warden lint: ${(e as Error).message}\n`)
    return 2
  }
  const prepared = await prepareLintCatalog(files.map((f) => f.text))
  const options = { kind: parsed.kind, ...prepared }
  const cwd = process.cwd()
  const reports: FileReport[] = files.map(({ file, text, guide }) => {
    const result = guide ? lintMarkdown(text, options) : lintDocument(text, options)
    const uri = file === '-' ? 'stdin' : relative(cwd, resolve(file)).split(sep).map(encodeURIComponent).join('/')
    return { file, uri, kind: result.kind, findings: result.findings }
  })
  if (parsed.format === 'json') process.stdout.write(renderJson(reports, parsed.failOn))
  else if (parsed.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(reports, cwd, packageVersion()), null, 2) + '\n')
  else process.stdout.write(renderText(reports, paletteFor(process.stdout)))
  return failsAt(reports, parsed.failOn) ? 1 : 0
}

/** The parsed arguments, `help`, or a usage error message. */
function parseLintArgs(argv: string[]): LintArgs | string {
  let values
  let positionals
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string', default: 'auto' },
        format: { type: 'string', default: 'text' },
        json: { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'ERROR' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }))
  } catch (e) {
    return (e as Error).message
  }
  if (values.help) return 'help'
  const kind = values.kind as LintKind
  if (!KINDS.includes(kind)) return `--kind must be one of ${KINDS.join(', ')}; got "${values.kind}"`
  const format = values.json ? 'json' : (values.format as LintArgs['format'])
  if (!FORMATS.includes(format)) return `--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`
  const failOn = values['fail-on']!.toUpperCase() === 'NONE' ? 'none' : (values['fail-on']!.toUpperCase() as FindingType)
  if (failOn !== 'none' && !FINDING_TYPES.includes(failOn)) return `--fail-on must be one of ${FINDING_TYPES.join(', ')} or none; got "${values['fail-on']}"`
  if (positionals.length === 0) return 'no input: give one or more files or directories (or - for standard input)'
  return { inputs: positionals, kind, format, failOn }
}

/** Reads every input; directories contribute their policy and guide files, in path order. */
async function readInputs(inputs: string[], stdin: NodeJS.ReadableStream): Promise<{ file: string; text: string; guide: boolean }[]> {
  const out: { file: string; text: string; guide: boolean }[] = []
  for (const input of inputs) {
    if (input === '-') {
      out.push({ file: '-', text: await readStream(stdin), guide: false })
      continue
    }
    const info = await stat(input).catch(() => undefined)
    if (info === undefined) throw new Error(`cannot read ${input}: no such file or directory`)
    if (info.isDirectory()) {
      const entries = (await readdir(input, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .filter((p) => !relative(input, p).split(sep).some((part) => part === 'node_modules' || part.startsWith('.')))
        .filter((p) => POLICY_EXTENSIONS.has(extname(p).toLowerCase()) || GUIDE_EXTENSIONS.has(extname(p).toLowerCase()))
        .sort()
      for (const p of entries) {
        const text = await readFile(p, 'utf8')
        const guide = GUIDE_EXTENSIONS.has(extname(p).toLowerCase())
        // Below a directory, JSON that is neither a policy nor a template (package.json) is not ours.
        if (guide || isPolicyOrTemplate(text)) out.push({ file: p, text, guide })
      }
    } else {
      const text = await readFile(input, 'utf8').catch((e: Error) => {
        throw new Error(`cannot read ${input}: ${e.message}`)
      })
      out.push({ file: input, text, guide: GUIDE_EXTENSIONS.has(extname(input).toLowerCase()) })
    }
  }
  return out
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

function packageVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version
}
