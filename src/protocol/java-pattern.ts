/**
 * The models' `pattern` traits are Java regular expressions matched against the whole
 * value. This turns one into a JavaScript RegExp (unicode mode, for `\p{L}`), compiled
 * once per distinct pattern.
 */

const compiled = new Map<string, RegExp>()

// Characters JavaScript's unicode mode accepts after a backslash outside `\w`-style escapes.
const SYNTAX = new Set('^$\\.*+?()[]{}|/-')

/**
 * The JavaScript source for a Java pattern: `\u10000`-style escapes (five or six hex
 * digits, meant as code points above U+FFFF) become `\u{10000}`, and identity escapes
 * that Java allows but unicode-mode JavaScript rejects (`\:`) lose their backslash.
 */
export function javaPatternToJs(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c !== '\\' || i + 1 >= pattern.length) {
      out += c
      continue
    }
    const next = pattern[i + 1]!
    if (next === 'u') {
      const hex = /^[0-9A-Fa-f]{4,6}/.exec(pattern.slice(i + 2, i + 8))?.[0] ?? ''
      if (hex.length > 4 && parseInt(hex, 16) > 0xffff) {
        out += `\\u{${hex}}`
        i += 1 + hex.length
        continue
      }
      out += '\\u'
      i += 1
      continue
    }
    if (/[0-9A-Za-z]/.test(next) || SYNTAX.has(next)) out += `\\${next}`
    else out += next
    i += 1
  }
  return out
}

/** The whole-value matcher for a model pattern. */
export function compilePattern(pattern: string): RegExp {
  let re = compiled.get(pattern)
  if (re === undefined) {
    re = new RegExp(`^(?:${javaPatternToJs(pattern)})$`, 'u')
    compiled.set(pattern, re)
  }
  return re
}
