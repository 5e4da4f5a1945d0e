/** A line diff (longest common subsequence) for policy documents in plans. */

export interface DiffLine {
  sign: ' ' | '+' | '-'
  text: string
}

/** Every line of `before` and `after`, marked kept, removed or added, in order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n')
  const b = after === '' ? [] : after.split('\n')
  // Documents are small (IAM caps them at 10 KB), so the quadratic table is fine.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ sign: ' ', text: a[i]! })
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ sign: '-', text: a[i++]! })
    else out.push({ sign: '+', text: b[j++]! })
  }
  while (i < a.length) out.push({ sign: '-', text: a[i++]! })
  while (j < b.length) out.push({ sign: '+', text: b[j++]! })
  return out
}

/** Keeps changed lines with `context` unchanged lines around them; gaps become one `...` line. */
export function withContext(lines: DiffLine[], context = 2): DiffLine[] {
  const keep = lines.map(() => false)
  lines.forEach((l, i) => {
    if (l.sign === ' ') return
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true
  })
  const out: DiffLine[] = []
  let gap = false
  lines.forEach((l, i) => {
    if (keep[i]) {
      out.push(l)
      gap = false
    } else if (!gap) {
      out.push({ sign: ' ', text: '...' })
      gap = true
    }
  })
  return out
}
