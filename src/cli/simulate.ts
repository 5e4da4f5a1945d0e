/**
 * `warden simulate`: would this principal be allowed this action on this resource, and why?
 * With --policy files it evaluates locally; with only --principal it reads the principal's
 * policies from the IAM endpoint (Warden or AWS) and evaluates them with the same engine.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { compilePolicySet, type AuthorizationRequest, type ContextValue, type PolicyInput, type PolicySet, type PolicyType } from '../eval/index.js'
import { detectKind } from '../policy/lint/index.js'
import { parseJson } from '../policy/json-source.js'
import type { PolicyKind } from '../policy/model.js'
import { parsePolicy } from '../policy/parse.js'
import { iamClient } from './aws-client.js'
import { paletteFor } from './color.js'
import { nearMisses } from './simulate-explain.js'
import { fetchPrincipal, fetchTrustPolicy, parsePrincipalArn, principalFromArn, type SourcedPolicy } from './simulate-principal.js'
import { renderJson, renderTree, type PolicyLabels, type Simulation } from './simulate-render.js'

const DEFAULT_PRINCIPAL = 'arn:aws:iam::123456789012:user/simulated-user'

const HELP = `usage: warden simulate --action ACTION [--resource ARN] [--principal ARN] [options]

Evaluates a request the way AWS does and explains the decision: which statements
matched, which policy type decided, and the AccessDenied text AWS would return.

Two modes:
  local   with --policy FILE: the principal's identity-based policies are the files given
          (no server needed); --principal only sets who is asking (default ${DEFAULT_PRINCIPAL})
  server  with --principal ARN and no --policy: the user's or role's policies (inline,
          attached, its groups', its permissions boundary and tags) are read from the IAM
          endpoint with read-only calls, then evaluated locally with the same engine.
          For sts:AssumeRole on a role, that role's trust policy is read as well.

options:
  --principal ARN          arn:aws:iam::ACCOUNT:user/NAME, ...:role/NAME, ...:root or
                           arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (a role is simulated
                           as a session of that role)
  --action ACTION          e.g. s3:GetObject; repeat for several
  --resource ARN           default *; repeat for several (every action x resource is evaluated)
  --context KEY=VALUE      request context, e.g. aws:SourceIp=203.0.113.7 or
                           iam:PassedToService=sagemaker.amazonaws.com; repeat a key for a
                           multivalued key (aws:TagKeys=a --context aws:TagKeys=b)
  --policy FILE            identity-based policy document; repeat for several (local mode)
  --boundary FILE          permissions boundary document
  --resource-policy FILE   resource-based or trust policy of the resource
  --endpoint URL           IAM endpoint (server mode); else AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL,
                           or the profile's endpoint_url / services section
  --profile NAME           AWS profile for credentials and endpoint (standard credential chain otherwise)
  --region REGION          signing Region (default us-east-1; IAM is global)
  --json                   print JSON instead of the tree
  -h, --help               this text

exit codes:
  0  evaluated (whatever the decision)
  1  the endpoint failed (unreachable, no such user or role, access denied to read policies)
  2  usage error (bad option, unreadable or invalid policy file)

examples:
  warden simulate --policy dev.json --action iam:PassRole \\
      --resource arn:aws:iam::123456789012:role/SageMakerExec \\
      --context iam:PassedToService=sagemaker.amazonaws.com
  warden simulate --endpoint http://127.0.0.1:4590 \\
      --principal arn:aws:iam::123456789012:user/sagemaker-developer \\
      --action sagemaker:CreateTrainingJob --action iam:CreateUser --json`

class UsageError extends Error {}

interface SimulateArgs {
  principal: string | undefined
  actions: string[]
  resources: string[]
  context: Record<string, ContextValue>
  policies: string[]
  boundary: string | undefined
  resourcePolicy: string | undefined
  endpoint: string | undefined
  profile: string | undefined
  region: string | undefined
  json: boolean
}

/** Runs `warden simulate`; returns the exit code. */
export async function simulate(argv: string[]): Promise<number> {
  let args: SimulateArgs | 'help'
  try {
    args = parseSimulateArgs(argv)
  } catch (e) {
    process.stderr.write(`warden simulate: ${(e as Error).message}\n\nrun \`warden simulate --help\` for usage\n`)
    return 2
  }
  if (args === 'help') {
    process.stdout.write(HELP + '\n')
    return 0
  }
  const labels = new Map<string, { label: string; type: PolicyType }>()
  let set: PolicySet
  let principalArn = args.principal ?? DEFAULT_PRINCIPAL
  const parsedArn = parsePrincipalArn(principalArn)
  if (parsedArn === undefined) return usage(`--principal ${principalArn} is not a user, role, assumed-role or root ARN`)
  let principal = principalFromArn(parsedArn, principalArn)
  const server = args.policies.length === 0
  const iam = server ? iamClient({ endpoint: args.endpoint, profile: args.profile, region: args.region }) : undefined
  try {
    if (iam === undefined) {
      set = { identity: await Promise.all(args.policies.map(async (f) => toInput(await fileSource(f), 'identity', labels))) }
    } else {
      if (args.principal === undefined) return usage('give --policy FILE (local mode) or --principal ARN (server mode)')
      const fetched = await fetchPrincipal(iam, args.principal, parsedArn)
      principal = fetched.principal
      principalArn = principal.arn
      set = { identity: fetched.identity.map((p) => toInput(p, 'identity', labels)) }
      if (fetched.boundary !== undefined) set.boundary = [toInput(fetched.boundary, 'boundary', labels)]
    }
    if (args.boundary !== undefined) set.boundary = [toInput(await fileSource(args.boundary), 'boundary', labels)]
    if (args.resourcePolicy !== undefined) {
      const source = await fileSource(args.resourcePolicy)
      const root = parseJson(source.text).value
      set.resource = [toInput(source, root !== undefined && detectKind(root) === 'trust' ? 'trust' : 'resource', labels)]
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message)
    const err = e as Error & { name: string }
    process.stderr.write(`warden simulate: reading ${principalArn} failed: ${err.name}: ${err.message}\n`)
    return 1
  }

  const simulations: Simulation[] = []
  for (const action of args.actions) {
    for (const resource of args.resources) {
      let requestSet = set
      // AWS checks sts:AssumeRole against the target role's trust policy.
      const role = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(resource)
      if (iam !== undefined && args.resourcePolicy === undefined && /^sts:assumerole$/i.test(action) && role !== null) {
        try {
          requestSet = { ...set, resource: [toInput(await fetchTrustPolicy(iam, role[2]!), 'trust', labels)] }
        } catch (e) {
          const err = e as Error & { name: string }
          process.stderr.write(`warden simulate: reading the trust policy of ${resource} failed: ${err.name}: ${err.message}\n`)
          return 1
        }
      }
      const request: AuthorizationRequest = { principal, action, resource, context: args.context }
      const result = compilePolicySet(requestSet).evaluate(request, { explain: true })
      simulations.push({ request, result, nearMisses: result.decision === 'Allow' ? [] : nearMisses(requestSet, request) })
    }
  }
  const color = paletteFor(process.stdout)
  if (args.json) process.stdout.write(renderJson(simulations, labels as PolicyLabels))
  else process.stdout.write(simulations.map((s) => renderTree(s, labels, color)).join('\n'))
  return 0
}

function usage(message: string): number {
  process.stderr.write(`warden simulate: ${message}\n\nrun \`warden simulate --help\` for usage\n`)
  return 2
}

async function fileSource(file: string): Promise<SourcedPolicy> {
  const text = await readFile(file, 'utf8').catch((e: Error) => {
    throw new UsageError(`cannot read ${file}: ${e.message}`)
  })
  return { id: file, label: file, text }
}

/** Validates a policy and makes it an engine input; an invalid policy is a usage error naming the problem. */
function toInput(source: SourcedPolicy, type: PolicyType, labels: Map<string, { label: string; type: PolicyType }>): PolicyInput {
  const kind: PolicyKind = type === 'trust' ? 'trust' : type === 'resource' ? 'resource' : type === 'boundary' ? 'boundary' : 'identity'
  const parsed = parsePolicy(source.text, { kind })
  if (parsed.policy === undefined) {
    const first = parsed.problems[0]
    const where = first?.range ? ` at line ${first.range.start.line}, column ${first.range.start.column}` : ''
    throw new UsageError(`${source.label} is not a valid ${kind} policy${where}: ${parsed.message}${first?.detail ? ` (${first.detail})` : ''}`)
  }
  labels.set(source.id, { label: source.label, type })
  return { id: source.id, type, policy: parsed.policy }
}

function parseSimulateArgs(argv: string[]): SimulateArgs | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        principal: { type: 'string' },
        action: { type: 'string', multiple: true },
        resource: { type: 'string', multiple: true },
        context: { type: 'string', multiple: true },
        policy: { type: 'string', multiple: true },
        boundary: { type: 'string' },
        'resource-policy': { type: 'string' },
        endpoint: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (values.help) return 'help'
  const actions = values.action ?? []
  if (actions.length === 0) throw new UsageError('give at least one --action, e.g. --action s3:GetObject')
  for (const a of actions) if (a !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) throw new UsageError(`--action ${a} is not service:Action`)
  const context: Record<string, ContextValue> = {}
  for (const entry of values.context ?? []) {
    const eq = entry.indexOf('=')
    if (eq <= 0) throw new UsageError(`--context ${entry} is not KEY=VALUE`)
    const key = entry.slice(0, eq)
    const value = entry.slice(eq + 1)
    const seen = context[key]
    context[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]
  }
  return {
    principal: values.principal,
    actions,
    resources: values.resource ?? ['*'],
    context,
    policies: values.policy ?? [],
    boundary: values.boundary,
    resourcePolicy: values['resource-policy'],
    endpoint: values.endpoint,
    profile: values.profile,
    region: values.region,
    json: values.json!
  }
}
