/**
 * Policy documents as plan compares and shows them: IAM returns them URL-encoded and as
 * submitted, so both sides are normalized (element order, singleton lists) before comparing.
 */
import type { PolicyDocument } from './model.js'

const STATEMENT_ORDER = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']
const TOP_ORDER = ['Version', 'Id', 'Statement']
const LISTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource'])

/** Decodes a document as IAM returns it (URL-encoded JSON). */
export function decodeDocument(text: string | undefined): PolicyDocument {
  if (text === undefined || text === '') return {}
  let decoded = text
  try {
    decoded = decodeURIComponent(text)
  } catch {
    // Not URL-encoded (some IAM-compatible services return plain JSON).
  }
  return JSON.parse(decoded) as PolicyDocument
}

const single = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v)

function ordered(o: Record<string, unknown>, order: string[], value: (k: string, v: unknown) => unknown): Record<string, unknown> {
  const keys = Object.keys(o).sort((a, b) => {
    const ia = order.indexOf(a)
    const ib = order.indexOf(b)
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || (a < b ? -1 : a > b ? 1 : 0)
  })
  return Object.fromEntries(keys.map((k) => [k, value(k, o[k])]))
}

function normalizeStatement(s: Record<string, unknown>): Record<string, unknown> {
  return ordered(s, STATEMENT_ORDER, (k, v) => {
    if (LISTS.has(k)) return single(v)
    if ((k === 'Principal' || k === 'NotPrincipal') && v !== null && typeof v === 'object') return ordered(v as Record<string, unknown>, [], (_, x) => single(x))
    if (k === 'Condition' && v !== null && typeof v === 'object') {
      return ordered(v as Record<string, unknown>, [], (_, block) => (block !== null && typeof block === 'object' ? ordered(block as Record<string, unknown>, [], (_k, x) => single(x)) : block))
    }
    return v
  })
}

/** The canonical form of a document: known elements in IAM's order, singleton lists collapsed. */
export function normalizeDocument(doc: PolicyDocument): PolicyDocument {
  return ordered(doc, TOP_ORDER, (k, v) => {
    if (k !== 'Statement') return v
    const list = Array.isArray(v) ? v : [v]
    return list.map((s) => (s !== null && typeof s === 'object' ? normalizeStatement(s as Record<string, unknown>) : s))
  })
}

/** The document as plan prints it and as `request` writes it. */
export function formatDocument(doc: PolicyDocument): string {
  return JSON.stringify(normalizeDocument(doc), null, 2)
}

/** True when two documents say the same thing in the same order. */
export function sameDocument(a: PolicyDocument, b: PolicyDocument): boolean {
  return formatDocument(a) === formatDocument(b)
}
