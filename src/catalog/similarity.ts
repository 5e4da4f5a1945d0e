/**
 * String similarity used to rank suggestions for misspelled actions and service prefixes.
 *
 * An action name is scored against the input on three signals, because each catches a
 * different kind of mistake people make when writing policies by hand:
 * - character edit distance (typos, transposed letters, a dropped or extra letter);
 * - camel-case words shared after removing plurals (`CreateTrainingJobs` vs
 *   `CreateTrainingJob`, `DescribeLogGroup` vs `DescribeLogGroups`, reordered words);
 * - the same leading verb (`Get`, `List`, `Put`, ...), which decides the access level and
 *   is rarely what the user got wrong.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  // Three rolling rows keep this allocation-light; names are short (< 100 chars).
  let prev2 = new Array<number>(b.length + 1).fill(0)
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  let cur = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    const ac = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const bc = b.charCodeAt(j - 1)
      const cost = ac === bc ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && ac === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bc) d = Math.min(d, prev2[j - 2]! + 1)
      cur[j] = d
    }
    ;[prev2, prev, cur] = [prev, cur, prev2]
  }
  return prev[b.length]!
}

/** Splits a camel-case name into lower-case words: `ListAllMyBuckets` -> list, all, my, buckets. */
export function camelWords(name: string): string[] {
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []
  return words.map((w) => w.toLowerCase())
}

/** Drops a plural ending so `Buckets` and `Bucket` compare equal. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1)
  return word
}

/** Precomputed form of a name, so ranking thousands of candidates does the splitting once. */
export interface NameShape {
  readonly lower: string
  /** Lower case with plurals removed word by word, joined. */
  readonly singular: string
  readonly words: readonly string[]
}

/** Builds the comparison form of an action name. */
export function nameShape(name: string): NameShape {
  const words = camelWords(name).map(singular)
  const lower = name.toLowerCase()
  // Input typed in one case has no word boundaries; keep it whole rather than guess.
  return { lower, singular: words.length > 1 ? words.join('') : singular(lower), words: words.length > 0 ? words : [lower] }
}

/** Similarity of an input action name to a real one, in [0, 1]; 1 only for a case-only difference. */
export function nameSimilarity(input: NameShape, candidate: NameShape): number {
  if (input.lower === candidate.lower) return 1
  if (input.singular === candidate.singular) return 0.96
  const longest = Math.max(input.singular.length, candidate.singular.length)
  const chars = 1 - editDistance(input.singular, candidate.singular) / longest
  // Words are checked as substrings of the other side so one-case input still counts.
  const candidateCovered = fraction(candidate.words, (w) => input.singular.includes(w))
  const inputCovered = fraction(input.words, (w) => candidate.singular.includes(w))
  const firstWord = candidate.words[0] ?? ''
  const sameVerb = firstWord.length > 0 && input.singular.startsWith(firstWord) ? 1 : 0
  return Math.min(0.95, 0.55 * chars + 0.15 * candidateCovered + 0.15 * inputCovered + 0.15 * sameVerb)
}

function fraction(words: readonly string[], test: (w: string) => boolean): number {
  if (words.length === 0) return 0
  let hits = 0
  for (const w of words) if (test(w)) hits++
  return hits / words.length
}
