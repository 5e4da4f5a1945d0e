/**
 * Loads a blueprint: YAML (with line numbers) -> shape check -> parameters -> `${name}`
 * substitution -> names, references and policy documents checked as IAM would. Returns
 * every problem, each naming its line, instead of throwing.
 */
import { LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { validatePolicyValue, type PolicySizeLimit } from '../policy/index.js'
import {
  groupPathOf,
  partitionOf,
  type Blueprint,
  type InlinePolicy,
  type ParameterInfo,
  type PolicyDocument
} from './model.js'
import { formatPath, positionOf, validateShape, type BlueprintProblem } from './schema.js'

export interface LoadOptions {
  /** `--set name=value` pairs. */
  set?: Record<string, string>
  /** The target account (GetCallerIdentity), for `${account}` and local ARNs. */
  accountId: string
  region: string
}

export type LoadResult = { ok: true; blueprint: Blueprint } | { ok: false; problems: BlueprintProblem[] }

/** A parameter problem that is the caller's (`--set`), not the file's: a usage error. */
export class ParameterError extends Error {}

type Raw = Record<string, unknown>
type PathKey = string | number

const BUILTINS = ['account', 'region', 'partition', 'blueprint'] as const
// Only `${name}` with no colon: IAM policy variables (`${aws:username}`, `${*}`) pass through.
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const PLACEHOLDER_LEFT = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/
// IAM's own patterns and lengths (CreateRole, CreateUser, CreatePolicy, CreateGroup, CreateInstanceProfile).
const ENTITY_NAME = /^[\w+=,.@-]+$/
const IAM_PATH = /^(\/|\/[\u0021-\u007E]+\/)$/
const NAME_LIMITS = { role: 64, user: 64, policy: 128, group: 128, 'instance profile': 128 } as const

/** Parses and resolves a blueprint from YAML text; `source` names it in messages. */
export function loadBlueprint(text: string, source: string, options: LoadOptions): LoadResult {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
  const yamlProblems: BlueprintProblem[] = doc.errors.map((e) => ({
    line: e.linePos?.[0].line ?? 1,
    column: e.linePos?.[0].col ?? 1,
    path: '',
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  }))
  if (yamlProblems.length > 0) return { ok: false, problems: yamlProblems }
  const shapeProblems = validateShape(doc, lines)
  if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems.sort((a, b) => a.line - b.line || a.column - b.column) }
  return new Resolver(doc, lines, source, options).resolve()
}

class Resolver {
  private readonly problems: BlueprintProblem[] = []
  private readonly raw: Raw
  private values = new Map<string, string | number | boolean>()
  private readonly params: ParameterInfo[] = []

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly source: string,
    private readonly options: LoadOptions
  ) {
    this.raw = doc.toJS() as Raw
  }

  private report(at: PathKey[], message: string): void {
    const node = this.doc.getIn(at, true) as Node | undefined
    // A path inside a policy document may name a key the YAML does not have (a missing
    // element): report at the closest node that exists.
    let probe = at
    let found = node
    while (!found && probe.length > 0) {
      probe = probe.slice(0, -1)
      found = this.doc.getIn(probe, true) as Node | undefined
    }
    this.problems.push({ ...positionOf(found ?? null, this.lines), path: formatPath(at), message })
  }

  resolve(): LoadResult {
    const name = String(this.raw.blueprint)
    this.resolveParameters(name)
    if (this.problems.length > 0) return { ok: false, problems: this.problems }
    const partition = partitionOf(this.options.region)
    const bp: Blueprint = {
      name,
      description: String(this.raw.description).trim(),
      guide: this.raw.guide === undefined ? undefined : String(this.raw.guide),
      source: this.source,
      accountId: this.options.accountId,
      region: this.options.region,
      partition,
      parameters: this.params,
      policies: [],
      roles: [],
      instanceProfiles: [],
      groups: [],
      users: [],
      serviceLinkedRoles: []
    }
    const section = (key: string): { item: Raw; at: PathKey[] }[] =>
      ((this.raw[key] as Raw[] | undefined) ?? [])
        .map((item, i) => ({ item: this.substitute(item, [key, i]) as Raw, at: [key, i] as PathKey[] }))
        .filter(({ item, at }) => this.enabled(item, at))

    const policies = section('policies')
    const roles = section('roles')
    const profiles = section('instance_profiles')
    const groups = section('groups')
    const users = section('users')
    const slrs = section('service_linked_roles')

    const localPolicyArns = new Map<string, string>()
    for (const { item, at } of policies) {
      const p = this.entityPath(item, at)
      const n = this.entityName(item, at, 'policy')
      localPolicyArns.set(n, `arn:${partition}:iam::${this.options.accountId}:policy${p}${n}`)
    }
    const policyRef = (ref: string, at: PathKey[]): string => {
      if (ref.startsWith('arn:')) {
        if (!/^arn:[\w-]+:iam::(aws|\d{12}):policy\/([\u0021-\u007E]*\/)?[\w+=,.@-]+$/.test(ref)) this.report(at, `\`${ref}\` is not a policy ARN`)
        return ref
      }
      const arn = localPolicyArns.get(ref)
      if (arn === undefined) this.report(at, `unknown policy \`${ref}\`: declare it under \`policies\` or give its ARN`)
      return arn ?? ref
    }
    const refs = (item: Raw, key: string, at: PathKey[]) => ((item[key] as string[] | undefined) ?? []).map((r, i) => policyRef(r, [...at, key, i]))
    const boundaryOf = (item: Raw, at: PathKey[]) =>
      item.permissions_boundary === undefined ? undefined : policyRef(String(item.permissions_boundary), [...at, 'permissions_boundary'])

    for (const { item, at } of policies) {
      const n = this.entityName(item, at, 'policy')
      bp.policies.push({
        name: n,
        path: this.entityPath(item, at),
        arn: localPolicyArns.get(n)!,
        description: item.description as string | undefined,
        document: this.policyDocument(item.document, [...at, 'document'], 'identity', 'managed')
      })
    }
    for (const { item, at } of roles) {
      const n = this.entityName(item, at, 'role')
      const p = this.entityPath(item, at)
      bp.roles.push({
        name: n,
        path: p,
        arn: `arn:${partition}:iam::${this.options.accountId}:role${p}${n}`,
        description: item.description as string | undefined,
        maxSessionDuration: item.max_session_duration as number | undefined,
        trust: this.policyDocument(item.trust, [...at, 'trust'], 'trust', 'none'),
        managedPolicies: refs(item, 'managed_policies', at),
        inlinePolicies: this.inlinePolicies(item, at, 'role-inline'),
        permissionsBoundary: boundaryOf(item, at)
      })
    }
    const roleNames = new Set(bp.roles.map((r) => r.name))
    for (const { item, at } of profiles) {
      const role = String(item.role)
      if (!roleNames.has(role)) this.report([...at, 'role'], `unknown role \`${role}\`: an instance profile takes a role declared under \`roles\``)
      bp.instanceProfiles.push({ name: this.entityName(item, at, 'instance profile'), path: this.entityPath(item, at), role })
    }
    for (const { item, at } of groups) {
      bp.groups.push({
        name: this.entityName(item, at, 'group'),
        path: groupPathOf(name),
        managedPolicies: refs(item, 'managed_policies', at),
        inlinePolicies: this.inlinePolicies(item, at, 'group-inline')
      })
    }
    const groupNames = new Set(bp.groups.map((g) => g.name))
    for (const { item, at } of users) {
      const n = this.entityName(item, at, 'user')
      const p = this.entityPath(item, at)
      const userGroups = ((item.groups as string[] | undefined) ?? []).map(String)
      userGroups.forEach((g, i) => {
        if (!groupNames.has(g)) this.report([...at, 'groups', i], `unknown group \`${g}\`: a user joins groups declared under \`groups\``)
      })
      bp.users.push({
        name: n,
        path: p,
        arn: `arn:${partition}:iam::${this.options.accountId}:user${p}${n}`,
        groups: userGroups,
        managedPolicies: refs(item, 'managed_policies', at),
        inlinePolicies: this.inlinePolicies(item, at, 'user-inline'),
        permissionsBoundary: boundaryOf(item, at),
        accessKey: item.access_key === true
      })
    }
    for (const { item, at } of slrs) {
      const service = String(item.service)
      if (!/^[\w.-]+\.amazonaws\.com(\.cn)?$/.test(service)) this.report([...at, 'service'], `\`${service}\` is not a service principal (e.g. \`spot.amazonaws.com\`)`)
      bp.serviceLinkedRoles.push({ service, description: item.description as string | undefined })
    }
    this.duplicates(bp)
    const problems = this.problems.sort((a, b) => a.line - b.line || a.column - b.column)
    return problems.length > 0 ? { ok: false, problems } : { ok: true, blueprint: bp }
  }

  private resolveParameters(blueprint: string): void {
    const declared = (this.raw.parameters as Record<string, Raw> | undefined) ?? {}
    const set = this.options.set ?? {}
    for (const key of Object.keys(set)) {
      if (!(key in declared)) {
        const known = Object.keys(declared)
        throw new ParameterError(`unknown parameter \`${key}\` for blueprint \`${blueprint}\`${known.length ? ` (it takes ${known.map((k) => `\`${k}\``).join(', ')})` : ' (it takes none)'}`)
      }
    }
    for (const [pname, spec] of Object.entries(declared)) {
      const at: PathKey[] = ['parameters', pname]
      if ((BUILTINS as readonly string[]).includes(pname)) {
        this.report(at, `\`${pname}\` is a built-in value (${BUILTINS.map((b) => `\`\${${b}}\``).join(', ')}) and cannot be a parameter name`)
        continue
      }
      const type = (spec.type as ParameterInfo['type'] | undefined) ?? 'string'
      const fromSet = set[pname]
      let value: string | number | boolean | undefined
      if (fromSet !== undefined) {
        value = coerce(fromSet, type)
        if (value === undefined) throw new ParameterError(`--set ${pname}=${fromSet}: \`${pname}\` takes ${type === 'boolean' ? 'true or false' : 'an integer'}`)
      } else if (spec.default !== undefined) {
        value = typeof spec.default === 'string' ? coerce(spec.default, type) : spec.default as string | number | boolean
        if (value === undefined || typeof value !== (type === 'integer' ? 'number' : type)) {
          this.report([...at, 'default'], `the default of \`${pname}\` must be ${type === 'string' ? 'a string' : type === 'boolean' ? 'true or false' : 'an integer'}`)
          continue
        }
      } else {
        throw new ParameterError(`parameter \`${pname}\` has no default: pass --set ${pname}=VALUE`)
      }
      if (type === 'string' && spec.pattern !== undefined) {
        let re: RegExp | undefined
        try {
          re = new RegExp(`^(?:${String(spec.pattern)})$`)
        } catch (e) {
          this.report([...at, 'pattern'], `invalid pattern: ${(e as Error).message}`)
        }
        if (re && !re.test(String(value))) {
          const msg = `\`${pname}\` must match \`${String(spec.pattern)}\`, got \`${String(value)}\``
          if (fromSet !== undefined) throw new ParameterError(`--set ${pname}=${fromSet}: ${msg}`)
          this.report([...at, 'default'], msg)
        }
      }
      this.values.set(pname, value)
      this.params.push({ name: pname, type, description: spec.description as string | undefined, default: spec.default as ParameterInfo['default'], value })
    }
    this.values.set('account', this.options.accountId)
    this.values.set('region', this.options.region)
    this.values.set('partition', partitionOf(this.options.region))
    this.values.set('blueprint', blueprint)
  }

  /** Replaces `${name}` in every string (keys too) of a value, reporting unknown names at their line. */
  private substitute(value: unknown, at: PathKey[]): unknown {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, key: string) => {
        const v = this.values.get(key)
        if (v === undefined) {
          this.report(at, `unknown parameter \`${whole}\` (declare it under \`parameters\`; built-ins: ${BUILTINS.map((b) => `\`\${${b}}\``).join(', ')})`)
          return whole
        }
        return String(v)
      })
    }
    if (Array.isArray(value)) return value.map((v, i) => this.substitute(v, [...at, i]))
    if (value !== null && typeof value === 'object') {
      const out: Raw = {}
      for (const [k, v] of Object.entries(value)) out[this.substitute(k, [...at, k]) as string] = this.substitute(v, [...at, k])
      return out
    }
    return value
  }

  private enabled(item: Raw, at: PathKey[]): boolean {
    if (item.when === undefined) return true
    const p = String(item.when)
    const v = this.values.get(p)
    if (typeof v !== 'boolean' || (BUILTINS as readonly string[]).includes(p)) {
      this.report([...at, 'when'], `\`when: ${p}\` must name a boolean parameter`)
      return false
    }
    return v
  }

  private entityName(item: Raw, at: PathKey[], kind: keyof typeof NAME_LIMITS): string {
    const n = String(item.name)
    // An unknown `${...}` was reported already.
    if (!PLACEHOLDER_LEFT.test(n) && (!ENTITY_NAME.test(n) || n.length > NAME_LIMITS[kind])) {
      this.report([...at, 'name'], `\`${n}\` is not a valid ${kind} name (1 to ${NAME_LIMITS[kind]} of letters, digits and +=,.@_-)`)
    }
    return n
  }

  private entityPath(item: Raw, at: PathKey[]): string {
    const p = item.path === undefined ? '/' : String(item.path)
    if (!IAM_PATH.test(p) || p.length > 512) this.report([...at, 'path'], `\`${p}\` is not a valid IAM path (\`/\` or \`/text/\`)`)
    return p
  }

  private inlinePolicies(item: Raw, at: PathKey[], limit: PolicySizeLimit): InlinePolicy[] {
    const list = (item.inline_policies as { name: string; document: unknown }[] | undefined) ?? []
    return list.map((p, i) => {
      const pat = [...at, 'inline_policies', i]
      if (!ENTITY_NAME.test(p.name) || p.name.length > 128) this.report([...pat, 'name'], `\`${p.name}\` is not a valid policy name`)
      return { name: p.name, document: this.policyDocument(p.document, [...pat, 'document'], 'identity', limit) }
    })
  }

  /** Checks a document as IAM would (MalformedPolicyDocument rules and size quotas). */
  private policyDocument(value: unknown, at: PathKey[], kind: 'identity' | 'trust', sizeLimit: PolicySizeLimit): PolicyDocument {
    const result = validatePolicyValue(value, { kind, sizeLimit, requireCurrentVersion: kind === 'identity' })
    for (const problem of result.problems) {
      const detail = problem.detail && problem.detail !== problem.message ? `: ${problem.detail}` : ''
      this.report([...at, ...jsonPathSegments(problem.path)], `${kind === 'trust' ? 'trust policy' : 'policy'}: ${problem.message}${detail}`)
    }
    return value as PolicyDocument
  }

  private duplicates(bp: Blueprint): void {
    const check = (kind: string, section: string, names: string[]) => {
      const seen = new Map<string, number>()
      names.forEach((n, i) => {
        const k = n.toLowerCase()
        if (seen.has(k)) this.report([section, i, 'name'], `${kind} \`${n}\` is declared twice (IAM names are case-insensitive)`)
        seen.set(k, i)
      })
    }
    // Indices refer to enabled entities; duplicates across `when` branches are rare enough
    // that the line of the first section entry with that index is close enough.
    check('policy', 'policies', bp.policies.map((p) => p.name))
    check('role', 'roles', bp.roles.map((r) => r.name))
    check('instance profile', 'instance_profiles', bp.instanceProfiles.map((p) => p.name))
    check('group', 'groups', bp.groups.map((g) => g.name))
    check('user', 'users', bp.users.map((u) => u.name))
    check('service-linked role', 'service_linked_roles', bp.serviceLinkedRoles.map((s) => s.service))
  }
}

function coerce(text: string, type: ParameterInfo['type']): string | number | boolean | undefined {
  if (type === 'string') return text
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined
  return /^-?\d+$/.test(text) ? Number(text) : undefined
}

/** `$.Statement[0]["aws:SourceIp"]` -> ['Statement', 0, 'aws:SourceIp']. */
export function jsonPathSegments(path: string): PathKey[] {
  const out: PathKey[] = []
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else out.push(JSON.parse(m[3]!) as string)
  }
  return out
}
