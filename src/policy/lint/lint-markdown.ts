/**
 * Lints the policies a guide carries in its prose (Markdown or plain text): every
 * ```json block that holds a JSON object, every AWS managed policy ARN, and full-access
 * AWS managed policies named by themselves (`AmazonS3FullAccess`). Positions point into
 * the guide itself.
 */
import type { SourcePosition } from '../model.js'
import { checkManagedPolicyArn } from './checks/managed-policies.js'
import { LintContext } from './context.js'
import { lintDocument, shiftRange } from './lint-document.js'
import { sortFindings } from './lint-policy.js'
import type { LintOptions, LintResult } from './types.js'

const FENCE = /```[ \t]*json\b/gi
const MANAGED_ARN = /arn:aws[a-z-]*:iam::aws:policy\/[A-Za-z0-9+=,.@_/-]*[A-Za-z0-9+=@_-]/g
const FULL_ACCESS_NAME = /\b(?:[A-Z][A-Za-z0-9]*FullAccess(?:_v\d+)?|AdministratorAccess|PowerUserAccess)\b/g

/** Lints the JSON blocks and managed policy mentions of a guide; never throws on user input. */
export function lintMarkdown(text: string, options: LintOptions): LintResult {
  const ctx = new LintContext('identity', options.catalog, options.managedPolicies)
  const lines = lineStarts(text)
  const taken: [number, number][] = []
  for (const { start, end } of jsonBlocks(text)) {
    taken.push([start, end])
    const origin = positionAt(lines, start)
    const document = `json block at line ${origin.line}`
    for (const f of lintDocument(text.slice(start, end), options).findings) {
      ctx.findings.push({ ...f, range: f.range && shiftRange(f.range, origin), document: f.document ? `${document}: ${f.document}` : document })
    }
  }
  const outside = (from: number) => !taken.some(([s, e]) => from >= s && from < e)
  const arnSpans: [number, number][] = []
  for (const m of text.matchAll(MANAGED_ARN)) {
    arnSpans.push([m.index, m.index + m[0].length])
    if (!outside(m.index)) continue
    checkManagedPolicyArn(ctx, m[0], { path: '$', range: { start: positionAt(lines, m.index), end: positionAt(lines, m.index + m[0].length) } }, false)
  }
  for (const m of text.matchAll(FULL_ACCESS_NAME)) {
    if (!outside(m.index) || arnSpans.some(([s, e]) => m.index >= s && m.index < e)) continue
    const arn = `arn:aws:iam::aws:policy/${m[0]}`
    // Prose names policies loosely; only names AWS really has are checked.
    if (options.managedPolicies?.get(arn) === undefined) continue
    checkManagedPolicyArn(ctx, arn, { path: '$', range: { start: positionAt(lines, m.index), end: positionAt(lines, m.index + m[0].length) } }, false)
  }
  return { kind: undefined, findings: sortFindings(ctx.findings) }
}

/** The JSON objects that open ```json blocks: offsets of the first `{` and just past its closing `}`. */
export function jsonBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = []
  for (const fence of text.matchAll(FENCE)) {
    const start = text.indexOf('{', fence.index + fence[0].length)
    const close = start < 0 ? -1 : matchingBrace(text, start)
    // A block that is not closed runs to the next fence; its object still ends at its brace.
    if (close >= 0 && !blocks.some((b) => b.start === start)) blocks.push({ start, end: close + 1 })
  }
  return blocks
}

/** Index of the `}` closing the object that opens at `start`, skipping strings; -1 if it never closes. */
function matchingBrace(text: string, start: number): number {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') {
      inString = true
    } else if (c === '{') {
      depth++
    } else if (c === '}' && --depth === 0) {
      return i
    }
  }
  return -1
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

function positionAt(starts: number[], offset: number): SourcePosition {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset }
}
