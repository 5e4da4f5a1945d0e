/**
 * Lint findings as a SARIF 2.1.0 log, the format code-scanning services (GitHub, GitLab,
 * Azure DevOps) import: one run, every issue code as a rule, one result per finding with
 * its file, line and column.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { pathToFileURL } from 'node:url'
import type { Log, ReportingDescriptor, Result } from 'sarif'
import { listRules, type FindingType } from '../policy/lint/index.js'
import type { FileReport } from './lint-report.js'

const LEVEL: Record<FindingType, Result.level> = { ERROR: 'error', SECURITY_WARNING: 'error', WARNING: 'warning', SUGGESTION: 'note' }
// GitHub code scanning ranks security results by this property (0-10).
const SECURITY_SEVERITY: Partial<Record<FindingType, string>> = { SECURITY_WARNING: '7.5' }

function ruleName(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
}

/** Builds the SARIF log for the reports; file URIs are relative to `root` (the working directory). */
export function toSarif(reports: FileReport[], root: string, version: string): Log {
  const rules = listRules()
  const index = new Map(rules.map((r, i) => [r.code, i]))
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.code,
    name: ruleName(r.code),
    shortDescription: { text: r.title },
    helpUri: r.learnMoreLink,
    defaultConfiguration: { level: LEVEL[r.findingType] },
    properties: {
      findingType: r.findingType,
      accessAnalyzer: r.accessAnalyzer,
      tags: r.findingType === 'SECURITY_WARNING' ? ['security', 'iam'] : ['iam'],
      ...(SECURITY_SEVERITY[r.findingType] ? { 'security-severity': SECURITY_SEVERITY[r.findingType] } : {})
    }
  }))
  const results: Result[] = []
  for (const report of reports) {
    for (const f of report.findings) {
      const artifactLocation = { uri: report.uri, uriBaseId: 'SRCROOT' }
      const region = f.range && {
        startLine: f.range.start.line,
        startColumn: f.range.start.column,
        endLine: f.range.end.line,
        endColumn: f.range.end.column,
        charOffset: f.range.start.offset,
        charLength: Math.max(0, f.range.end.offset - f.range.start.offset)
      }
      results.push({
        ruleId: f.issueCode,
        ruleIndex: index.get(f.issueCode),
        level: LEVEL[f.findingType],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: region ? { artifactLocation, region } : { artifactLocation },
            logicalLocations: [{ fullyQualifiedName: f.path, kind: 'element' }]
          }
        ],
        properties: {
          findingType: f.findingType,
          learnMoreLink: f.learnMoreLink,
          ...(f.document !== undefined ? { document: f.document } : {}),
          ...(f.statementIndex !== undefined ? { statementIndex: f.statementIndex } : {}),
          ...(f.sid !== undefined ? { sid: f.sid } : {}),
          ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {})
        }
      })
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'warden', semanticVersion: version, rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href } },
        artifacts: reports.map((r) => ({ location: { uri: r.uri, uriBaseId: 'SRCROOT' } })),
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}
