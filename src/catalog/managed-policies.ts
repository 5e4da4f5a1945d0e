/**
 * AWS managed policies (`arn:aws:iam::aws:policy/...`), from the committed snapshot in
 * ./data/aws-managed-policies.json (see ./data/README.md for its source and licence).
 * Loaded on first use (about 3.6 MB of JSON) and cached for the life of the process.
 *
 * ```ts
 * const policy = await getAwsManagedPolicy('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
 * const roles = await listAwsManagedPolicies({ pathPrefix: '/service-role/' })
 * // or, after one await, synchronously:
 * const snapshot = await loadAwsManagedPolicies()
 * snapshot.get('service-role/AWSBatchServiceRole')
 * ```
 */
import { readFile } from 'node:fs/promises'

/** The default version of one AWS managed policy, with the fields IAM's GetPolicy returns. */
export interface AwsManagedPolicy {
  readonly policyName: string
  /** `arn:aws:iam::aws:policy/<path-without-leading-slash><name>`. */
  readonly arn: string
  /** `/`, `/service-role/`, `/aws-service-role/`, `/job-function/`, ... */
  readonly path: string
  readonly defaultVersionId: string
  /** Known only for hand-maintained entries; the source package does not record it. */
  readonly policyId: string | undefined
  /** ISO 8601, second precision. */
  readonly createDate: string
  /** ISO 8601, second precision: when the default version last changed. */
  readonly updateDate: string
  readonly description: string | undefined
  /** False for deprecated policies: AWS lets no new user, group or role attach them. */
  readonly isAttachable: boolean
  readonly deprecated: boolean
  /** The policy AWS recommends instead of a deprecated one. */
  readonly replacedBy: string | undefined
  /** The policy document as a parsed JSON value. */
  readonly document: unknown
}

/** Filters for {@link listAwsManagedPolicies}, as IAM ListPolicies takes them. */
export interface ListAwsManagedPoliciesOptions {
  /** Only policies whose path starts with this (ListPolicies `PathPrefix`), e.g. `/service-role/`. */
  readonly pathPrefix?: string
  /** Leave out deprecated policies (they are hidden from ListPolicies once nothing uses them). */
  readonly excludeDeprecated?: boolean
}

/** The loaded snapshot: synchronous lookups. */
export interface AwsManagedPolicySnapshot {
  /** Where the data came from (package and version). */
  readonly source: string
  readonly count: number
  /** By ARN (any partition), by `path/Name` (`service-role/AWSBatchServiceRole`) or by bare name. */
  get(arnOrName: string): AwsManagedPolicy | undefined
  /** Policies sorted by ARN, optionally filtered. */
  list(options?: ListAwsManagedPoliciesOptions): AwsManagedPolicy[]
}

/** One snapshot entry, in the field names IAM's GetPolicy / GetPolicyVersion use. */
export interface SnapshotPolicy {
  PolicyName: string
  Arn: string
  Path: string
  DefaultVersionId: string
  PolicyId?: string
  CreateDate: string
  UpdateDate: string
  Description?: string
  IsAttachable: boolean
  Deprecated?: boolean
  ReplacedBy?: string
  Document: unknown
}

interface SnapshotFile {
  meta: { source: string; count: number }
  policies: SnapshotPolicy[]
}

const FILE = 'aws-managed-policies.json'
// Beside this module when run from src/ (tsx, vitest); from dist/catalog/ the build does
// not copy data files, so fall back to the source tree.
const CANDIDATES = [new URL(`./data/${FILE}`, import.meta.url), new URL(`../../src/catalog/data/${FILE}`, import.meta.url)]

let loading: Promise<AwsManagedPolicySnapshot> | undefined

/** Loads the snapshot once (later calls share the same promise). */
export function loadAwsManagedPolicies(): Promise<AwsManagedPolicySnapshot> {
  if (loading === undefined) {
    loading = readSnapshot()
    loading.catch(() => (loading = undefined))
  }
  return loading
}

/** One AWS managed policy by ARN, `path/Name` or name; undefined when AWS has no such policy. */
export async function getAwsManagedPolicy(arnOrName: string): Promise<AwsManagedPolicy | undefined> {
  return (await loadAwsManagedPolicies()).get(arnOrName)
}

/** AWS managed policies sorted by ARN, optionally under a path prefix. */
export async function listAwsManagedPolicies(options: ListAwsManagedPoliciesOptions = {}): Promise<AwsManagedPolicy[]> {
  return (await loadAwsManagedPolicies()).list(options)
}

/** How many AWS managed policies the snapshot holds. */
export async function awsManagedPolicyCount(): Promise<number> {
  return (await loadAwsManagedPolicies()).count
}

/** True when the ARN names an AWS managed policy (account `aws`), whether or not it exists. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(arn)
}

async function readSnapshot(): Promise<AwsManagedPolicySnapshot> {
  let text: string | undefined
  let lastError: unknown
  for (const url of CANDIDATES) {
    try {
      text = await readFile(url, 'utf8')
      break
    } catch (error) {
      lastError = error
    }
  }
  if (text === undefined) throw lastError
  return buildSnapshot(JSON.parse(text) as SnapshotFile)
}

function buildSnapshot(file: SnapshotFile): AwsManagedPolicySnapshot {
  const policies: AwsManagedPolicy[] = file.policies.map((p) => ({
    policyName: p.PolicyName,
    arn: p.Arn,
    path: p.Path,
    defaultVersionId: p.DefaultVersionId,
    policyId: p.PolicyId,
    createDate: p.CreateDate,
    updateDate: p.UpdateDate,
    description: p.Description,
    isAttachable: p.IsAttachable,
    deprecated: p.Deprecated === true,
    replacedBy: p.ReplacedBy,
    document: p.Document
  }))
  policies.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
  // Keyed by the part after `policy/` (path without its leading slash, plus name), which
  // is what an ARN in any partition ends with; names are unique among AWS managed policies.
  const byResource = new Map<string, AwsManagedPolicy>()
  const byName = new Map<string, AwsManagedPolicy>()
  for (const p of policies) {
    byResource.set(`${p.path.slice(1)}${p.policyName}`, p)
    byName.set(p.policyName, p)
  }
  return {
    source: file.meta.source,
    count: policies.length,
    get(arnOrName: string): AwsManagedPolicy | undefined {
      if (arnOrName.startsWith('arn:')) {
        if (!isAwsManagedPolicyArn(arnOrName)) return undefined
        return byResource.get(arnOrName.slice(arnOrName.indexOf(':policy/') + ':policy/'.length))
      }
      return arnOrName.includes('/') ? byResource.get(arnOrName.replace(/^\//, '')) : byName.get(arnOrName)
    },
    list(options: ListAwsManagedPoliciesOptions = {}): AwsManagedPolicy[] {
      const prefix = options.pathPrefix ?? '/'
      return policies.filter((p) => p.path.startsWith(prefix) && !(options.excludeDeprecated === true && p.deprecated))
    }
  }
}

const documentTexts = new WeakMap<AwsManagedPolicy, string>()

/**
 * The document text of an AWS managed policy's default version, as GetPolicyVersion returns
 * it (the snapshot holds it parsed; AWS indents with 4 spaces). Enforcement and the policy
 * simulator parse this same text, so simulator positions point into what GetPolicyVersion shows.
 */
export function awsManagedPolicyText(policy: AwsManagedPolicy): string {
  let text = documentTexts.get(policy)
  if (text === undefined) {
    text = JSON.stringify(policy.document, null, 4)
    documentTexts.set(policy, text)
  }
  return text
}
