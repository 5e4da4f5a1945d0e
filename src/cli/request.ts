/** `warden request FILE|NAME`: the Markdown request for an administrator (guide 000). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { planBlueprint } from '../blueprints/plan.js'
import { renderRequest } from '../blueprints/request.js'
import type { LiveState } from '../blueprints/live.js'
import { connect, disconnect } from './blueprint-target.js'
import { resolveBlueprint, sourceOf } from './blueprint-source.js'
import { describeError, EXIT, EXIT_CODES_HELP, out, parseSets, parseOptions, runVerb, TARGET_HELP, TARGET_OPTIONS, UsageError } from './common.js'

export const REQUEST_HELP = `usage: warden request FILE|NAME [--set NAME=VALUE]... [--account ID] [--out DIR] [options]

For users without admin rights: writes the request to hand to an administrator, in
Markdown, with the exact policy and trust documents, the role and user names, and the
\`aws iam\` commands (reading the documents with file://) that create everything.
Nothing is changed in any account.

options:
  --set NAME=VALUE  a blueprint parameter (repeatable)
  --account ID      the 12-digit account id (default: asks STS who you are, which needs no permissions)
  --out DIR         write DIR/REQUEST.md and the documents as DIR/*.json (default: Markdown on stdout)
${TARGET_HELP}
  --json            print {markdown, files} as JSON

examples:
  warden request ec2-training --set bucket=my-training-data --set user=alice --account 123456789012
  warden request sagemaker-training --profile work --out ./iam-request

${EXIT_CODES_HELP}`

const EMPTY: LiveState = { roles: new Map(), users: new Map(), groups: new Map(), policies: new Map(), instanceProfiles: new Map(), serviceLinkedRoles: new Map() }

export async function request(argv: string[]): Promise<number> {
  return runVerb('request', REQUEST_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, {
      ...TARGET_OPTIONS,
      set: { type: 'string', multiple: true },
      account: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' }
    })
    const source = sourceOf(positionals[0])
    const set = parseSets(values.set)
    if (values.account !== undefined && !/^\d{12}$/.test(values.account)) throw new UsageError(`--account takes a 12-digit account id, got \`${values.account}\``)
    resolveBlueprint(source, set, values.account ?? '000000000000', values.region ?? 'us-east-1')
    let accountId = values.account
    let region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
    let requester: string | undefined
    if (accountId === undefined) {
      try {
        const target = await connect(values)
        accountId = target.accountId
        region = target.region
        requester = target.callerArn
        disconnect(target)
      } catch (e) {
        throw new UsageError(`cannot tell the account (${describeError(e)}): pass --account ID`)
      }
    }
    const bp = resolveBlueprint(source, set, accountId, region)
    const req = renderRequest(bp, planBlueprint(bp, EMPTY), requester)
    if (values.json) {
      out(JSON.stringify(req, null, 2))
    } else if (values.out) {
      mkdirSync(values.out, { recursive: true })
      writeFileSync(join(values.out, 'REQUEST.md'), req.markdown)
      for (const f of req.files) writeFileSync(join(values.out, f.name), f.content)
      out(`wrote ${join(values.out, 'REQUEST.md')} and ${req.files.length} document${req.files.length === 1 ? '' : 's'}`)
    } else {
      out(req.markdown)
    }
    return EXIT.ok
  })
}
