/**
 * Data-driven lint cases (cases/*.json): each document with the findings it must produce,
 * no more and no fewer, linted through the real catalogue binding.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareLintCatalog } from '../../catalog/lint-catalog.js'
import { lintDocument } from './lint-document.js'
import { ruleFor } from './rules.js'
import type { FindingType, LintKind } from './types.js'

interface Expected {
  code: string
  path: string
  type?: FindingType
  /** A substring the message must contain. */
  message?: string
  suggestion?: string
}

interface Case {
  name: string
  kind?: LintKind
  /** The document as a JSON value (written out with two-space indentation) ... */
  policy?: unknown
  /** ... or as exact text. */
  text?: string
  expect: Expected[]
}

const casesDir = join(import.meta.dirname, 'cases')
const files = readdirSync(casesDir).filter((f) => f.endsWith('.json'))

describe.each(files)('%s', (file) => {
  const { cases } = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as { cases: Case[] }

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const text = c.text ?? JSON.stringify(c.policy, null, 2)
    const prepared = await prepareLintCatalog([text])
    const { findings } = lintDocument(text, { kind: c.kind, ...prepared })
    const got = findings.map((f) => `${f.issueCode} ${f.path}`).sort()
    const want = c.expect.map((e) => `${e.code} ${e.path}`).sort()
    expect(got, findings.map((f) => `${f.issueCode} ${f.path}: ${f.message}`).join('\n')).toEqual(want)
    for (const e of c.expect) {
      const f = findings.find((x) => x.issueCode === e.code && x.path === e.path)!
      expect(f.findingType).toBe(e.type ?? ruleFor(e.code).findingType)
      if (e.message !== undefined) expect(f.message).toContain(e.message)
      if (e.suggestion !== undefined) expect(f.suggestion).toBe(e.suggestion)
    }
    for (const f of findings) {
      expect(f.range, `${f.issueCode} has a position`).toBeDefined()
      expect(f.learnMoreLink).toBe(ruleFor(f.issueCode).learnMoreLink)
      expect(f.message.length).toBeGreaterThan(20)
    }
  })
})

describe('README', () => {
  it('lists every issue code with its finding type', async () => {
    const { listRules } = await import('./rules.js')
    const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8')
    for (const rule of listRules()) expect(readme).toContain(`| \`${rule.code}\` | ${rule.findingType} |`)
  })
})
