/**
 * ARN matching for Resource / NotResource and the Arn* condition operators. An ARN has six
 * colon-separated parts; the sixth (the resource) is everything after the fifth colon, so
 * it may itself contain `:` and `/`. Wildcards match within one part and never across the
 * colons of the first five (IAM User Guide, "IAM JSON policy elements: Resource" and the
 * ARN condition operators).
 */
import { compileGlob, globMatchRange, type RangeMatcher } from './wildcard.js'

/** Writes the positions of the first five colons of `arn` into `out`; returns how many were found. */
export function arnColons(arn: string, out: Int32Array): number {
  let n = 0
  let i = -1
  while (n < 5) {
    i = arn.indexOf(':', i + 1)
    if (i < 0) break
    out[n++] = i
  }
  return n
}

/** The account field of an ARN, or undefined when it is not an ARN or the field is empty. */
export function arnAccount(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined
  const parts = arn.split(':', 6)
  if (parts.length < 6) return undefined
  return parts[4] || undefined
}

/**
 * Whether the ARN's account field equals `account`, without allocating; undefined when the
 * subject is not an ARN or its account field is empty (S3 buckets, `*`).
 */
export function arnAccountIs(arn: string, account: string): boolean | undefined {
  if (!arn.startsWith('arn:')) return undefined
  let i = 3
  for (let k = 0; k < 3; k++) {
    i = arn.indexOf(':', i + 1)
    if (i < 0) return undefined
  }
  const end = arn.indexOf(':', i + 1)
  if (end < 0 || end === i + 1) return undefined
  return end - i - 1 === account.length && arn.startsWith(account, i + 1)
}

/** Matches a whole subject string (an ARN or `*`). */
export type ArnMatcher = (subject: string) => boolean

/**
 * Compiles an ARN pattern. `*` alone matches anything. A pattern with fewer than six parts
 * whose last part ends with `*` lets that wildcard run over the remaining parts; without a
 * trailing wildcard it matches nothing (it cannot name a full ARN).
 */
export function compileArnPattern(pattern: string): ArnMatcher {
  if (pattern === '*') return () => true
  const parts = splitArnPattern(pattern)
  if (parts.length < 6) {
    const last = parts[parts.length - 1] ?? ''
    if (!last.endsWith('*')) return () => false
    return (subject) => shortMatches(parts, subject)
  }
  const matchers: RangeMatcher[] = parts.map((p) => compileGlob(p))
  const colons = new Int32Array(5)
  return (subject) => {
    if (arnColons(subject, colons) < 5) return false
    let start = 0
    for (let k = 0; k < 5; k++) {
      const end = colons[k] as number
      if (!(matchers[k] as RangeMatcher)(subject, start, end)) return false
      start = end + 1
    }
    return (matchers[5] as RangeMatcher)(subject, start, subject.length)
  }
}

/** Matches a short pattern: its first parts segment by segment, its last part over the rest. */
function shortMatches(parts: string[], subject: string): boolean {
  let start = 0
  for (let k = 0; k < parts.length - 1; k++) {
    const end = subject.indexOf(':', start)
    if (end < 0) return false
    if (!globMatchRange(parts[k] as string, subject, start, end)) return false
    start = end + 1
  }
  return globMatchRange(parts[parts.length - 1] as string, subject, start, subject.length)
}

/** Splits at the first five colons only. */
export function splitArnPattern(pattern: string): string[] {
  const out: string[] = []
  let start = 0
  for (let k = 0; k < 5; k++) {
    const i = pattern.indexOf(':', start)
    if (i < 0) break
    out.push(pattern.slice(start, i))
    start = i + 1
  }
  out.push(pattern.slice(start))
  return out
}

/** Matches a pattern only known at request time (policy variables resolved). */
export function matchArnDynamic(pattern: string, subject: string): boolean {
  if (pattern === '*') return true
  const parts = splitArnPattern(pattern)
  if (parts.length < 6) {
    const last = parts[parts.length - 1] ?? ''
    if (!last.endsWith('*')) return false
    return shortMatches(parts, subject)
  }
  let start = 0
  for (let k = 0; k < 5; k++) {
    const end = subject.indexOf(':', start)
    if (end < 0) return false
    if (!globMatchRange(parts[k] as string, subject, start, end)) return false
    start = end + 1
  }
  return globMatchRange(parts[5] as string, subject, start, subject.length)
}
