/**
 * `warden lint` as a real process: text, JSON and SARIF output (the SARIF validated against
 * the OASIS 2.1.0 schema), --fail-on thresholds and the documented exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runWarden } from './helpers/process.js'

const require = createRequire(import.meta.url)

let dir: string
const file = (name: string) => join(dir, name)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-lint-'))
  // One error (unknown action), one security warning (PassRole on *), one warning (no Version).
  writeFileSync(
    file('mixed.json'),
    ['{', '  "Statement": [', '    {"Effect": "Allow", "Action": ["s3:ListBuckets", "iam:PassRole"], "Resource": "*"}', '  ]', '}', ''].join('\n')
  )
  writeFileSync(file('warning-only.json'), JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }))
  writeFileSync(file('clean.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] }))
  writeFileSync(file('package.json'), JSON.stringify({ name: 'not-a-policy', version: '1.0.0' }))
  writeFileSync(file('trust.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('warden lint', () => {
  it('prints findings by file with line:column, type, code, message and link; exit 1 on an ERROR', async () => {
    const r = await runWarden(['lint', file('mixed.json'), file('clean.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe(`${file('mixed.json')} (identity policy)`)
    expect(r.stdout).toContain('  1:1     warning          MISSING_VERSION')
    expect(r.stdout).toContain('  3:36    error            INVALID_ACTION')
    expect(r.stdout).toContain('          The action s3:ListBuckets does not exist. Did you mean s3:ListAllMyBuckets?')
    expect(r.stdout).toContain('  3:83    security warning PASS_ROLE_WITH_STAR_IN_RESOURCE')
    expect(r.stdout).toContain('access-analyzer-reference-policy-checks-error-invalid-action')
    expect(r.stdout).toContain('3 findings in 2 files: 1 error, 1 security warning, 1 warning, 0 suggestions')
    expect(r.stdout).not.toContain('\u001b[')
  })

  it('colours only when asked to (FORCE_COLOR), never on a pipe by default', async () => {
    const r = await runWarden(['lint', file('mixed.json')], { env: { NO_COLOR: '', FORCE_COLOR: '1' } })
    expect(r.stdout).toContain('\u001b[31merror')
  })

  it('--fail-on sets the threshold', async () => {
    expect((await runWarden(['lint', file('warning-only.json')])).code).toBe(0)
    expect((await runWarden(['lint', '--fail-on', 'WARNING', file('warning-only.json')])).code).toBe(1)
    expect((await runWarden(['lint', '--fail-on', 'security_warning', file('trust.json')])).code).toBe(1)
    expect((await runWarden(['lint', '--fail-on', 'none', file('mixed.json')])).code).toBe(0)
    const clean = await runWarden(['lint', '--fail-on', 'SUGGESTION', file('clean.json')])
    expect(clean.code).toBe(0)
    expect(clean.stdout).toBe('no findings in 1 file\n')
  })

  it('JSON output carries every finding with its position, the counts and the verdict; reads standard input', async () => {
    const r = await runWarden(['lint', '--json', '--kind', 'trust', '-'], { input: readFileSync(file('trust.json'), 'utf8') })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.summary).toEqual({ files: 1, ERROR: 0, SECURITY_WARNING: 1, WARNING: 0, SUGGESTION: 0 })
    expect(out.failOn).toBe('ERROR')
    expect(out.failed).toBe(false)
    expect(out.files[0]).toMatchObject({ file: '-', kind: 'trust' })
    expect(out.files[0].findings[0]).toMatchObject({
      findingType: 'SECURITY_WARNING',
      issueCode: 'ANY_PRINCIPAL_WITHOUT_CONDITION',
      path: '$.Statement[0].Principal',
      statementIndex: 0,
      range: { start: { line: 1, column: 68 } }
    })
  })

  it('SARIF output is valid SARIF 2.1.0 with rules and physical locations', async () => {
    const r = await runWarden(['lint', '--format', 'sarif', dir], { cwd: dir })
    expect(r.code).toBe(1)
    const log = JSON.parse(r.stdout)
    // The schema is draft-04: its meta-schema only (ajv's draft-07 default would not apply).
    const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true })
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'))
    const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')))
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
    // The schema does reject what is not SARIF: a result without a message.
    const broken = structuredClone(log)
    delete broken.runs[0].results[0].message
    expect(validate(broken)).toBe(false)
    const run = log.runs[0]
    expect(run.tool.driver.name).toBe('warden')
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id)
    expect(ruleIds).toContain('PASS_ROLE_WITH_STAR_IN_RESOURCE')
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[]
    const invalid = results.find((x) => x.ruleId === 'INVALID_ACTION')!
    expect(ruleIds[invalid.ruleIndex]).toBe('INVALID_ACTION')
    expect(invalid.level).toBe('error')
    expect(invalid.locations[0]!.physicalLocation.artifactLocation.uri).toBe('mixed.json')
    expect(invalid.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 36 })
    expect(results.find((x) => x.ruleId === 'MISSING_VERSION')!.level).toBe('warning')
    expect(results.filter((x) => x.ruleId === 'ANY_PRINCIPAL_WITHOUT_CONDITION')).toHaveLength(1)
    // Below a directory, JSON that is not a policy or a template is skipped; named explicitly, it is linted.
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(['clean.json', 'mixed.json', 'trust.json', 'warning-only.json'])
    const explicit = await runWarden(['lint', file('package.json')])
    expect(explicit.code).toBe(1)
    expect(explicit.stdout).toContain('MISSING_STATEMENT')
  })

  it('usage errors exit 2; --help shows examples and exit codes', async () => {
    for (const args of [['lint'], ['lint', '--kind', 'bucket', file('clean.json')], ['lint', '--format', 'xml', file('clean.json')], ['lint', '--fail-on', 'LOW', file('clean.json')], ['lint', '--bogus', file('clean.json')], ['lint', file('missing.json')]]) {
      const r = await runWarden(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^warden lint: /)
    }
    const help = await runWarden(['lint', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('exit codes:')
    expect(help.stdout).toContain('warden lint --format sarif policies/ > warden-lint.sarif')
  })
})
