/**
 * The linter never throws on user input: mutated seed fixtures (bytes swapped for JSON
 * punctuation, policy words, wildcards and placeholders) always give a result, and every
 * finding has a known code and a position inside the text.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { prng } from '../../../test/helpers/prng.js'
import { prepareLintCatalog } from '../../catalog/lint-catalog.js'
import { lintDocument } from './lint-document.js'
import { lintMarkdown } from './lint-markdown.js'
import { RULES } from './rules.js'

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'seeds')
const SEEDS = readdirSync(fixtures)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(fixtures, f), 'utf8'))

const ATOMS = ['{', '}', '[', ']', ',', ':', '"', '*', '?', '${aws:username}', '"Deny"', '"NotAction"', '"Principal"', '"*"', 'ForAllValues:', 'iam:PassRole', 'arn:aws:s3:::', ':log-stream:', '/', 'Fn::Sub', '\n', '😀']

function mutate(text: string, rnd: () => number): string {
  let out = text
  for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
    const at = Math.floor(rnd() * out.length)
    const atom = ATOMS[Math.floor(rnd() * ATOMS.length)]!
    out = rnd() < 0.5 ? out.slice(0, at) + atom + out.slice(at + 1) : out.slice(0, at) + atom + out.slice(at)
  }
  return out
}

describe('lint on hostile input', () => {
  it('lints 400 mutated seed documents without throwing; findings stay inside the text', async () => {
    const rnd = prng(20261130)
    for (let i = 0; i < 400; i++) {
      const text = mutate(SEEDS[i % SEEDS.length]!, rnd)
      const prepared = await prepareLintCatalog([text])
      for (const result of [lintDocument(text, prepared), lintMarkdown('```json\n' + text + '\n```', prepared)]) {
        for (const f of result.findings) {
          expect(RULES.has(f.issueCode), f.issueCode).toBe(true)
          if (f.range !== undefined) expect(f.range.start.offset).toBeLessThanOrEqual(text.length + 16)
        }
      }
    }
  }, 120_000)
})
