/** How `warden lint` prints its findings: text for people, JSON for scripts (SARIF is in lint-sarif.ts). */
import { FINDING_TYPES, type FindingType, type LintFinding } from '../policy/lint/index.js'
import type { PolicyKind } from '../policy/model.js'
import type { Palette } from './color.js'

/** The findings of one input file. */
export interface FileReport {
  /** The path as the user gave it (or found under a directory). */
  file: string
  /** Relative to the working directory, with `/` separators (SARIF artifact URI). */
  uri: string
  kind: PolicyKind | undefined
  findings: LintFinding[]
}

/** How many findings of each type. */
export function countByType(reports: FileReport[]): Record<FindingType, number> {
  const counts = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 }
  for (const r of reports) for (const f of r.findings) counts[f.findingType]++
  return counts
}

/** True when some finding is at or above the threshold (`none` never fails). */
export function failsAt(reports: FileReport[], threshold: FindingType | 'none'): boolean {
  if (threshold === 'none') return false
  const limit = FINDING_TYPES.indexOf(threshold)
  return reports.some((r) => r.findings.some((f) => FINDING_TYPES.indexOf(f.findingType) <= limit))
}

const LABEL: Record<FindingType, string> = { ERROR: 'error', SECURITY_WARNING: 'security warning', WARNING: 'warning', SUGGESTION: 'suggestion' }

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The text report: findings grouped by file, then a summary line. */
export function renderText(reports: FileReport[], color: Palette): string {
  const paint: Record<FindingType, (s: string) => string> = { ERROR: color.red, SECURITY_WARNING: color.magenta, WARNING: color.yellow, SUGGESTION: color.cyan }
  const out: string[] = []
  for (const report of reports) {
    if (report.findings.length === 0) continue
    out.push(color.bold(report.file) + (report.kind ? color.dim(` (${report.kind} policy)`) : ''))
    for (const f of report.findings) {
      const where = f.range ? `${f.range.start.line}:${f.range.start.column}` : '-'
      out.push(`  ${where.padEnd(7)} ${paint[f.findingType](LABEL[f.findingType].padEnd(16))} ${color.bold(f.issueCode)}${f.document ? color.dim(`  in ${f.document}`) : ''}`)
      out.push(`          ${f.message}`)
      out.push(`          ${color.dim(f.learnMoreLink)}`)
    }
    out.push('')
  }
  const counts = countByType(reports)
  const total = FINDING_TYPES.reduce((n, t) => n + counts[t], 0)
  const files = plural(reports.length, 'file')
  if (total === 0) {
    out.push(color.green(`no findings in ${files}`))
  } else {
    const parts = FINDING_TYPES.map((t) => plural(counts[t], LABEL[t]))
    out.push(`${plural(total, 'finding')} in ${files}: ${parts.join(', ')}`)
  }
  return out.join('\n') + '\n'
}

/** The JSON report: every finding with its file, plus counts and the verdict. */
export function renderJson(reports: FileReport[], failOn: FindingType | 'none'): string {
  const failed = failsAt(reports, failOn)
  return (
    JSON.stringify(
      {
        files: reports.map((r) => ({ file: r.file, kind: r.kind ?? null, findings: r.findings })),
        summary: { files: reports.length, ...countByType(reports) },
        failOn,
        failed
      },
      null,
      2
    ) + '\n'
  )
}
