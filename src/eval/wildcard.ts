/**
 * Wildcard (`*`, `?`) matching as IAM uses it in Action, Resource and String/ArnLike
 * conditions. Patterns are compiled once into the cheapest matcher that fits (equals,
 * prefix, suffix, contains, or a backtracking glob); no regular expressions.
 *
 * Matchers work on a range of the subject string so ARN segments can be matched without
 * allocating substrings.
 */

/** Placeholders for `*` and `?` that came from policy-variable values: they match literally. */
export const LITERAL_STAR = '\uE000'
export const LITERAL_QUESTION = '\uE001'

/** Matches `subject.slice(start, end)` against a compiled pattern. */
export type RangeMatcher = (subject: string, start: number, end: number) => boolean

/** Interprets `pattern` as a glob against `subject[start, end)`; O(n*m) worst case, no allocation. */
export function globMatchRange(pattern: string, subject: string, start: number, end: number): boolean {
  let p = 0
  let s = start
  let starP = -1
  let starS = 0
  const pEnd = pattern.length
  while (s < end) {
    if (p < pEnd) {
      const pc = pattern.charCodeAt(p)
      if (pc === 42 /* * */) {
        starP = p++
        starS = s
        continue
      }
      const sc = subject.charCodeAt(s)
      if (pc === 63 /* ? */ || pc === sc || (pc === 0xe000 && sc === 42) || (pc === 0xe001 && sc === 63)) {
        p++
        s++
        continue
      }
    }
    if (starP < 0) return false
    p = starP + 1
    s = ++starS
  }
  while (p < pEnd && pattern.charCodeAt(p) === 42) p++
  return p === pEnd
}

/** True when `pattern` matches the whole of `subject`. */
export function globMatch(pattern: string, subject: string): boolean {
  return globMatchRange(pattern, subject, 0, subject.length)
}

/** True when the pattern contains a wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?')
}

function literal(text: string): string {
  return text.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?')
}

/** Compiles a glob into the cheapest range matcher that implements it. */
export function compileGlob(pattern: string): RangeMatcher {
  if (pattern === '*') return () => true
  if (pattern === '') return (_s, start, end) => start === end
  const hasQ = pattern.includes('?')
  const firstStar = pattern.indexOf('*')
  if (!hasQ) {
    if (firstStar < 0) {
      const lit = literal(pattern)
      const len = lit.length
      return (s, start, end) => end - start === len && s.startsWith(lit, start)
    }
    const lastStar = pattern.lastIndexOf('*')
    const inner = pattern.slice(1, -1)
    if (firstStar === pattern.length - 1) {
      const prefix = literal(pattern.slice(0, -1))
      return (s, start, end) => end - start >= prefix.length && s.startsWith(prefix, start)
    }
    if (lastStar === 0) {
      const suffix = literal(pattern.slice(1))
      return (s, start, end) => end - start >= suffix.length && s.startsWith(suffix, end - suffix.length)
    }
    if (firstStar === 0 && lastStar === pattern.length - 1 && !inner.includes('*')) {
      const mid = literal(inner)
      return (s, start, end) => {
        const i = s.indexOf(mid, start)
        return i >= 0 && i + mid.length <= end
      }
    }
  }
  return (s, start, end) => globMatchRange(pattern, s, start, end)
}

/** Compiles a glob into a whole-string matcher. */
export function compileStringGlob(pattern: string): (subject: string) => boolean {
  const m = compileGlob(pattern)
  return (subject) => m(subject, 0, subject.length)
}
