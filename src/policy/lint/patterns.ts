/**
 * Wildcard reasoning for the checks: whether one IAM pattern (`*`, `?`) covers everything
 * another does (redundant actions, resources and statements), and whether a policy
 * resource can name an ARN of a given resource type (`arn:${Partition}:s3:::${BucketName}`).
 * The engine's matcher (src/eval) answers "does this pattern match this ARN"; these answer
 * questions about two patterns, which evaluation never asks.
 */

const STAR = 42
const QUESTION = 63

/**
 * True when every string `inner` matches is also matched by `outer`. Conservative: `inner`'s
 * `*` is covered only by an `*` in `outer`, its `?` only by `?` or `*`.
 */
export function patternCovers(outer: string, inner: string, ignoreCase: boolean): boolean {
  if (ignoreCase) {
    outer = outer.toLowerCase()
    inner = inner.toLowerCase()
  }
  if (outer === inner) return true
  let p = 0
  let s = 0
  let starP = -1
  let starS = 0
  while (s < inner.length) {
    if (p < outer.length) {
      const pc = outer.charCodeAt(p)
      if (pc === STAR) {
        starP = p++
        starS = s
        continue
      }
      const sc = inner.charCodeAt(s)
      const ok = pc === QUESTION ? sc !== STAR : pc === sc && sc !== STAR && sc !== QUESTION
      if (ok) {
        p++
        s++
        continue
      }
    }
    if (starP < 0) return false
    p = starP + 1
    s = ++starS
  }
  while (p < outer.length && outer.charCodeAt(p) === STAR) p++
  return p === outer.length
}

/** True when `pattern` (`*`, `?`) matches all of `text`. */
export function patternMatches(pattern: string, text: string, ignoreCase: boolean): boolean {
  // A text without wildcards is covered exactly when it is matched.
  return patternCovers(pattern, text.replace(/[*?]/g, '\u0000'), ignoreCase)
}

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'field'; exclude: string }

/** A policy resource as tokens: policy variables (`${aws:username}`) can be anything, like `*`. */
function resourceTokens(resource: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < resource.length; i++) {
    const c = resource[i]!
    if (c === '$' && resource[i + 1] === '{') {
      const close = resource.indexOf('}', i + 2)
      if (close > 0) {
        tokens.push({ kind: 'star' })
        i = close
        continue
      }
    }
    tokens.push(c === '*' ? { kind: 'star' } : c === '?' ? { kind: 'any' } : { kind: 'char', char: c })
  }
  return tokens
}

/**
 * An ARN format as tokens. A `${Placeholder}` is one or more characters other than the
 * literal that follows it (`${Region}:` stops at `:`, `${BucketName}/` at `/`). The last
 * placeholder may hold anything (object keys, role paths and log group names have `/`),
 * except when it is the whole resource part, as in `arn:...:s3:::${BucketName}`.
 */
function formatTokens(format: string): Token[] {
  const tokens: Token[] = []
  let colons = 0
  let resourceStart = -1
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!
    if (c === '$' && format[i + 1] === '{') {
      const close = format.indexOf('}', i + 2)
      if (close > 0) {
        const next = format[close + 1]
        tokens.push({ kind: 'field', exclude: next ?? '' })
        i = close
        continue
      }
    }
    if (c === ':' && ++colons === 5) resourceStart = tokens.length + 1
    tokens.push(c === '*' ? { kind: 'star' } : { kind: 'char', char: c })
  }
  const last = tokens[tokens.length - 1]
  if (last?.kind === 'field' && resourceStart === tokens.length - 1) last.exclude = '/'
  return tokens
}

function charsMeet(a: Token, b: Token): boolean {
  if (a.kind === 'char' && b.kind === 'char') return a.char === b.char
  if (a.kind === 'char' && b.kind === 'field') return !b.exclude.includes(a.char)
  if (b.kind === 'char' && a.kind === 'field') return !a.exclude.includes(b.char)
  return true
}

const formatCache = new Map<string, Token[]>()
const fitCache = new Map<string, boolean>()
const CACHE_LIMIT = 4096

/** True when some ARN of the given format matches the policy resource pattern. */
export function resourceFitsFormat(resource: string, arnFormat: string): boolean {
  const key = `${resource}\u0000${arnFormat}`
  let fits = fitCache.get(key)
  if (fits === undefined) {
    fits = fieldsAgree(resource, arnFormat) && tokensMeet(resourceTokens(resource), formatTokensOf(arnFormat))
    if (fitCache.size >= CACHE_LIMIT) fitCache.clear()
    fitCache.set(key, fits)
  }
  return fits
}

function formatTokensOf(arnFormat: string): Token[] {
  let tokens = formatCache.get(arnFormat)
  if (tokens === undefined) {
    tokens = formatTokens(arnFormat)
    if (formatCache.size >= CACHE_LIMIT) formatCache.clear()
    formatCache.set(arnFormat, tokens)
  }
  return tokens
}

const PATTERN_CHARS = /[*?]|\$\{/

/**
 * A cheap first look at the partition, service, Region and account fields: where both sides
 * are literal they must be equal, and a placeholder needs at least one character. Most
 * formats of a service differ from a given ARN right there.
 */
function fieldsAgree(resource: string, arnFormat: string): boolean {
  const r = resource.split(':', 5)
  const f = arnFormat.split(':', 5)
  if (r.length < 5 || f.length < 5) return true
  for (let i = 1; i < 5; i++) {
    const rv = r[i]!
    const fv = f[i]!
    // A wildcard can stand for several fields, so the fields after it do not line up.
    if (PATTERN_CHARS.test(rv)) return true
    if (fv.startsWith('${') && fv.endsWith('}') && fv.indexOf('${', 1) < 0) {
      if (rv === '') return false
    } else if (!PATTERN_CHARS.test(fv) && rv !== fv) {
      return false
    }
  }
  return true
}

/** Whether the two token sequences can match a common string (a search over pairs of positions). */
function tokensMeet(a: Token[], b: Token[]): boolean {
  const seen = new Set<number>()
  const width = b.length + 1
  // Each state packs (position in a, position in b, whether the current placeholder has a character yet).
  const stack: number[] = [0]
  const push = (i: number, j: number, k: number) => stack.push((i * width + j) * 2 + k)
  while (stack.length > 0) {
    const state = stack.pop()!
    if (seen.has(state)) continue
    seen.add(state)
    const k = state & 1
    const j = (state >> 1) % width
    const i = Math.floor((state >> 1) / width)
    if (i === a.length && j === b.length) return true
    const ta = a[i]
    const tb = b[j]
    if (ta?.kind === 'star') push(i + 1, j, k)
    if (tb?.kind === 'star') push(i, j + 1, 0)
    if (tb?.kind === 'field' && k === 1) push(i, j + 1, 0)
    if (ta === undefined || tb === undefined || !charsMeet(ta, tb)) continue
    const ni = ta.kind === 'star' ? i : i + 1
    if (tb.kind === 'char') push(ni, j + 1, 0)
    else push(ni, j, tb.kind === 'field' ? 1 : k)
  }
  return false
}
