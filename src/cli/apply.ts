/**
 * `warden apply` and `warden destroy`: plan, show, confirm on a terminal, then send the
 * IAM calls with progress on stderr. Both are idempotent: a second run changes nothing and
 * says so; a run that stopped half-way is finished by the next one.
 */
import { paletteFor } from './color.js'
import { applyPlan, planApply, planRemoval, type ApplyResult, type Plan } from '../blueprints/index.js'
import { connect, disconnect, type Target } from './blueprint-target.js'
import { blueprintNameOf, resolveBlueprint, sourceOf } from './blueprint-source.js'
import { CliFailure, confirm, describeError, err, EXIT, EXIT_CODES_HELP, out, parseSets, parseOptions, runVerb, TARGET_HELP, TARGET_OPTIONS } from './common.js'
import { planJson, planText } from './plan-render.js'

export const APPLY_HELP = `usage: warden apply FILE|NAME [--set NAME=VALUE]... [options]

Makes the account match a blueprint: creates what is missing, updates what differs, and
deletes what the blueprint made but no longer declares. Everything it creates is tagged
warden:blueprint=<name> (groups, which IAM cannot tag, live under /warden/<name>/). A
second apply changes nothing; an apply that stopped half-way is finished by the next one.
New access keys are printed once.

options:
  --set NAME=VALUE  a blueprint parameter (repeatable)
${TARGET_HELP}
  --yes             do not ask for confirmation (apply asks only on a terminal)
  --json            print the plan and the result as JSON (secrets of new access keys included)

examples:
  warden apply ec2-training --set bucket=my-training-data --profile warden
  warden apply sagemaker-training --endpoint http://127.0.0.1:4590 --yes --json

${EXIT_CODES_HELP}`

export const DESTROY_HELP = `usage: warden destroy FILE|NAME [options]

Deletes everything the blueprint created in the account (what carries its
warden:blueprint tag, and its groups under /warden/<name>/), in dependency order:
instance profiles emptied, policies detached, inline policies and access keys deleted,
users taken out of groups, then the entities themselves. Nothing else is touched.

options:
${TARGET_HELP}
  --yes             do not ask for confirmation (destroy asks only on a terminal)
  --json            print the plan and the result as JSON

examples:
  warden destroy ec2-training --profile warden
  warden destroy ./my-blueprint.yaml --endpoint http://127.0.0.1:4590 --yes

${EXIT_CODES_HELP}`

export async function apply(argv: string[]): Promise<number> {
  return runVerb('apply', APPLY_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, { ...TARGET_OPTIONS, set: { type: 'string', multiple: true }, yes: { type: 'boolean' }, json: { type: 'boolean' } })
    const source = sourceOf(positionals[0])
    const set = parseSets(values.set)
    // Parameter and file problems are reported before any call (the account id is a stand-in).
    resolveBlueprint(source, set, '000000000000', values.region ?? 'us-east-1')
    const target = await connect(values)
    try {
      const bp = resolveBlueprint(source, set, target.accountId, target.region)
      return await execute('apply', target, await planApply(target.iam, bp), { ...values, endpoint: values.endpoint ?? process.env.AWS_ENDPOINT_URL_IAM ?? process.env.AWS_ENDPOINT_URL })
    } finally {
      disconnect(target)
    }
  })
}

export async function destroy(argv: string[]): Promise<number> {
  return runVerb('destroy', DESTROY_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, { ...TARGET_OPTIONS, yes: { type: 'boolean' }, json: { type: 'boolean' } })
    const name = blueprintNameOf(sourceOf(positionals[0]))
    const target = await connect(values)
    try {
      return await execute('destroy', target, await planRemoval(target.iam, name, target.accountId), values)
    } finally {
      disconnect(target)
    }
  })
}

async function execute(verb: 'apply' | 'destroy', target: Target, plan: Plan, options: { yes?: boolean; json?: boolean; endpoint?: string }): Promise<number> {
  const paint = paletteFor(process.stdout)
  if (!options.json) for (const line of planText(plan, paint, { brief: true, verb: verb === 'destroy' ? 'destroy' : 'plan' })) out(line)
  if (plan.changes.some((c) => c.kind === 'conflict')) {
    if (options.json) out(JSON.stringify({ plan: planJson(plan), applied: false }, null, 2))
    return EXIT.conflict
  }
  if (plan.steps.length === 0) {
    if (options.json) out(JSON.stringify({ plan: planJson(plan), applied: true, result: resultJson(undefined) }, null, 2))
    return EXIT.ok
  }
  if (!options.yes && process.stdin.isTTY && !(await confirm(`${verb === 'apply' ? 'Apply' : 'Destroy'} these changes in account ${target.accountId}?`))) {
    err('cancelled: nothing was changed')
    return EXIT.failed
  }
  const progress = paletteFor(process.stderr)
  const result = await applyPlan(target.iam, plan, {
    onStep: (event, step, i, total) => {
      if (event === 'start') return
      const mark = event === 'done' ? progress.green('ok') : event === 'gone' ? progress.dim('already gone') : progress.red('FAILED')
      err(`  [${i + 1}/${total}] ${step.summary} ... ${mark}`)
    }
  })
  if (options.json) out(JSON.stringify({ plan: planJson(plan), applied: result.failed === undefined, result: resultJson(result) }, null, 2))
  if (result.failed) {
    throw new CliFailure(
      `${verb} stopped at \`${result.failed.step.summary}\`: ${describeError(result.failed.error)}`,
      EXIT.failed,
      [`${result.done.length} of ${plan.steps.length} IAM calls were made; run \`warden ${verb}\` again to finish (it picks up where this one stopped).`]
    )
  }
  if (!options.json) {
    out(paint.green(`${verb === 'apply' ? 'Applied' : 'Destroyed'}: ${result.done.length} IAM call${result.done.length === 1 ? '' : 's'} in account ${target.accountId}.`))
    for (const k of result.accessKeys) {
      out('')
      out(paint.bold(`Access key of user ${k.userName} (the secret is shown this once; store it now):`))
      out(`  aws_access_key_id = ${k.accessKeyId}`)
      out(`  aws_secret_access_key = ${k.secretAccessKey}`)
      const endpoint = options.endpoint ? ` --endpoint ${options.endpoint}` : ''
      out(paint.dim(`  to use it: AWS_SECRET_ACCESS_KEY=... warden configure --profile ${k.userName} --access-key-id ${k.accessKeyId}${endpoint}`))
    }
  }
  return EXIT.ok
}

function resultJson(result: ApplyResult | undefined): Record<string, unknown> {
  return {
    calls: result?.done.length ?? 0,
    alreadyGone: result?.alreadyGone.length ?? 0,
    accessKeys: result?.accessKeys ?? [],
    ...(result?.failed ? { failed: { step: result.failed.step.summary, action: result.failed.step.action, error: describeError(result.failed.error) } } : {})
  }
}
