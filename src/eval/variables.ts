/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`, `${?}`,
 * `${$}`), IAM User Guide "IAM policy elements: Variables and tags". Only Version
 * 2012-10-17 policies substitute variables; older ones treat `${...}` as literal text.
 *
 * Decision: a value substituted from the request context is matched literally, even by
 * StringLike / ArnLike and in Resource (a `*` in a user name is not a wildcard). This follows
 * the doc's special-characters section, which exists precisely because substituted text is
 * not meant to be interpreted as a wildcard.
 */
import { LITERAL_QUESTION, LITERAL_STAR } from './wildcard.js'

/** A literal, or a variable: `key` lower-cased for lookups, `written` as the policy spells it (for missing-key reports). */
export type TemplatePart = string | { key: string; written: string; fallback: string | undefined }

export interface Template {
  parts: TemplatePart[]
}

/** Looks a context key up (by its lower-cased name and its name as written). */
export interface ContextLookup {
  lookup(lowerKey: string, writtenKey: string): string | string[] | undefined
}

const DEFAULT_FORM = /^\s*([^\s,]+)\s*,\s*'([^']*)'\s*$/

/** Parses `text` into a template, or returns undefined when it has no variables. */
export function parseTemplate(text: string): Template | undefined {
  if (!text.includes('${')) return undefined
  const parts: TemplatePart[] = []
  let lit = ''
  let i = 0
  let found = false
  while (i < text.length) {
    const open = text.indexOf('${', i)
    if (open < 0) break
    const close = text.indexOf('}', open + 2)
    if (close < 0) break
    lit += text.slice(i, open)
    const inner = text.slice(open + 2, close)
    const special = inner === '*' ? LITERAL_STAR : inner === '?' ? LITERAL_QUESTION : inner === '$' ? '$' : undefined
    if (special !== undefined) {
      lit += special
      found = true
    } else {
      const m = DEFAULT_FORM.exec(inner)
      const key = m ? (m[1] as string) : inner.trim()
      if (key === '' || /\s/.test(key)) {
        lit += text.slice(open, close + 1)
      } else {
        if (lit) parts.push(lit)
        lit = ''
        parts.push({ key: key.toLowerCase(), written: key, fallback: m ? (m[2] as string) : undefined })
        found = true
      }
    }
    i = close + 1
  }
  lit += text.slice(i)
  if (lit) parts.push(lit)
  return found ? { parts } : undefined
}

/**
 * Fills a template. `glob` keeps substituted `*`/`?` as literal placeholders for the
 * wildcard matcher; otherwise they are plain characters. Returns undefined when a variable
 * has no value and no default (the doc: the value is effectively null and matches nothing).
 */
export function fillTemplate(t: Template, ctx: ContextLookup, glob: boolean): string | undefined {
  let out = ''
  for (const part of t.parts) {
    if (typeof part === 'string') {
      out += glob ? part : part.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?')
      continue
    }
    let v = ctx.lookup(part.key, part.written)
    if (Array.isArray(v)) v = v.length === 1 ? v[0] : undefined
    if (v === undefined) {
      if (part.fallback === undefined) return undefined
      v = part.fallback
    }
    out += glob ? v.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QUESTION) : v
  }
  return out
}
