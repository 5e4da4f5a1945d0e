/** `warden blueprint list|show NAME|init NAME|schema`: the built-in blueprints and the file format. */
import { paletteFor } from './color.js'
import { existsSync, writeFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { blueprintJsonSchema, builtinNames, builtinText } from '../blueprints/index.js'
import { sourceOf } from './blueprint-source.js'
import { CliFailure, EXIT, EXIT_CODES_HELP, out, parseOptions, runVerb, UsageError } from './common.js'

export const BLUEPRINT_HELP = `usage: warden blueprint list [--json]
       warden blueprint show FILE|NAME [--json]
       warden blueprint init NAME [--out FILE] [--force]
       warden blueprint schema

  list     the built-in blueprints, one per seed guide
  show     a blueprint's description, parameters (with defaults) and its YAML
  init     writes an editable copy of a built-in (default ./NAME.yaml; never overwrites without --force)
  schema   the blueprint file format as JSON Schema (for editors)

Then: \`warden plan FILE|NAME\`, \`warden apply FILE|NAME\`, \`warden destroy FILE|NAME\`,
\`warden request FILE|NAME\` (for an administrator).

examples:
  warden blueprint list
  warden blueprint show sagemaker-training
  warden blueprint init ec2-training --out training.yaml && warden plan training.yaml

${EXIT_CODES_HELP}`

interface Summary {
  name: string
  description: string
  guide?: string
  parameters: { name: string; type: string; default?: unknown; description?: string }[]
}

function summaryOf(text: string): Summary {
  const raw = parseDocument(text).toJS() as { blueprint: string; description: string; guide?: string; parameters?: Record<string, { type?: string; default?: unknown; description?: string }> }
  return {
    name: raw.blueprint,
    description: String(raw.description ?? '').trim(),
    guide: raw.guide,
    parameters: Object.entries(raw.parameters ?? {}).map(([name, p]) => ({ name, type: p.type ?? 'string', default: p.default, description: p.description }))
  }
}

export async function blueprint(argv: string[]): Promise<number> {
  return runVerb('blueprint', BLUEPRINT_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' }, out: { type: 'string' }, force: { type: 'boolean' } })
    const [sub, ref] = positionals
    const paint = paletteFor(process.stdout)
    switch (sub) {
      case 'list': {
        const all = builtinNames().map((n) => summaryOf(builtinText(n)!))
        if (values.json) out(JSON.stringify(all, null, 2))
        else for (const s of all) out(`${paint.bold(s.name.padEnd(20))} ${s.guide ?? ''}\n${' '.repeat(21)}${s.description}\n`)
        return EXIT.ok
      }
      case 'show': {
        const source = sourceOf(ref)
        const s = summaryOf(source.text)
        if (values.json) {
          out(JSON.stringify({ ...s, source: source.source, yaml: source.text }, null, 2))
          return EXIT.ok
        }
        out(`${paint.bold(s.name)}${s.guide ? ` (${s.guide})` : ''}`)
        out(s.description)
        out('')
        out('parameters (--set NAME=VALUE):')
        for (const p of s.parameters) out(`  ${p.name.padEnd(18)} ${p.type.padEnd(8)} default ${p.default === undefined ? paint.yellow('(required)') : JSON.stringify(p.default)}  ${paint.dim(p.description ?? '')}`)
        out('')
        out(paint.dim(`--- ${source.source}`))
        out(source.text.trimEnd())
        return EXIT.ok
      }
      case 'init': {
        if (ref === undefined) throw new UsageError('init needs the NAME of a built-in blueprint')
        const text = builtinText(ref)
        if (text === undefined) throw new UsageError(`no built-in blueprint \`${ref}\` (built-ins: ${builtinNames().join(', ')})`)
        const file = values.out ?? `${ref}.yaml`
        if (existsSync(file) && !values.force) throw new CliFailure(`${file} exists; pass --force to overwrite it`, EXIT.failed)
        writeFileSync(file, text)
        out(`wrote ${file}: edit it, then \`warden plan ${file}\``)
        return EXIT.ok
      }
      case 'schema':
        out(JSON.stringify(blueprintJsonSchema(), null, 2))
        return EXIT.ok
      default:
        throw new UsageError(sub === undefined ? 'missing subcommand (list, show, init or schema)' : `unknown subcommand \`${sub}\` (list, show, init or schema)`)
    }
  })
}
