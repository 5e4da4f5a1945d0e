/** `warden plan FILE|NAME`: what apply would create, change and delete, documents diffed. */
import { paletteFor } from './color.js'
import { planApply } from '../blueprints/index.js'
import { connect, disconnect } from './blueprint-target.js'
import { resolveBlueprint, sourceOf } from './blueprint-source.js'
import { EXIT, EXIT_CODES_HELP, out, parseSets, parseOptions, runVerb, TARGET_HELP, TARGET_OPTIONS } from './common.js'
import { planJson, planText } from './plan-render.js'

export const PLAN_HELP = `usage: warden plan FILE|NAME [--set NAME=VALUE]... [options]

Compares a blueprint (a YAML file, or a built-in name: see \`warden blueprint list\`) with
the account and prints what \`warden apply\` would create (+), change (~) and delete (-),
with policy documents diffed line by line. Changes nothing.

options:
  --set NAME=VALUE  a blueprint parameter (repeatable)
${TARGET_HELP}
  --brief           leave out the bodies of new policy documents
  --json            print the plan as JSON (changes, diffs and the exact IAM calls)
  --detailed-exitcode  exit 5 when there are changes (0 when there are none)

examples:
  warden plan ec2-training --set bucket=my-training-data --profile warden
  warden plan ./my-blueprint.yaml --endpoint http://127.0.0.1:4590 --json

${EXIT_CODES_HELP}`

export async function plan(argv: string[]): Promise<number> {
  return runVerb('plan', PLAN_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, {
      ...TARGET_OPTIONS,
      set: { type: 'string', multiple: true },
      brief: { type: 'boolean' },
      json: { type: 'boolean' },
      'detailed-exitcode': { type: 'boolean' }
    })
    const source = sourceOf(positionals[0])
    const set = parseSets(values.set)
    // Parameter and file problems are reported before any call (the account id is a stand-in).
    resolveBlueprint(source, set, '000000000000', values.region ?? 'us-east-1')
    const target = await connect(values)
    try {
      const bp = resolveBlueprint(source, set, target.accountId, target.region)
      const p = await planApply(target.iam, bp)
      if (values.json) out(JSON.stringify(planJson(p), null, 2))
      else for (const line of planText(p, paletteFor(process.stdout), { brief: values.brief })) out(line)
      if (p.changes.some((c) => c.kind === 'conflict')) return EXIT.conflict
      return values['detailed-exitcode'] && p.steps.length > 0 ? EXIT.changes : EXIT.ok
    } finally {
      disconnect(target)
    }
  })
}
