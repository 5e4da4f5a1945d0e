/**
 * Case-sensitive `*` / `?` matching for action patterns; callers lower-case both sides
 * because IAM matches action names case-insensitively.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */

/** True when `pattern` (with `*` any run, `?` one character) matches all of `subject`. */
export function globMatches(pattern: string, subject: string): boolean {
  let p = 0
  let s = 0
  let starP = -1
  let starS = 0
  while (s < subject.length) {
    if (p < pattern.length) {
      const pc = pattern.charCodeAt(p)
      if (pc === 42 /* * */) {
        starP = p++
        starS = s
        continue
      }
      if (pc === 63 /* ? */ || pc === subject.charCodeAt(s)) {
        p++
        s++
        continue
      }
    }
    // Backtrack: let the last `*` swallow one more character.
    if (starP < 0) return false
    p = starP + 1
    s = ++starS
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++
  return p === pattern.length
}

/** True when the text contains `*` or `?`. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?')
}
