/**
 * Binds the pure policy linter (src/policy/lint) to the real catalogue: loads the services
 * a document refers to (and, for a misspelled action, the services its suggestions come
 * from), and the AWS managed policy snapshot when the document names a managed policy.
 * The server, the CLI and later the console's backend lint through here.
 */
import { collectReferences, type LintReferences } from '../policy/lint/references.js'
import { lintDocument } from '../policy/lint/lint-document.js'
import type { LintCatalog, LintKind, LintManagedPolicies, LintResult } from '../policy/lint/types.js'
import { loadAwsManagedPolicies } from './managed-policies.js'
import { loadCatalog } from './service-catalog.js'

const WILDCARD = /[*?]/

export interface PreparedLintCatalog {
  catalog: LintCatalog
  managedPolicies: LintManagedPolicies | undefined
}

/** Loads what linting the given texts needs; afterwards every lookup the checks make is synchronous. */
export async function prepareLintCatalog(texts: Iterable<string>): Promise<PreparedLintCatalog> {
  const refs: LintReferences = { actions: new Set(), services: new Set(), managedPolicies: false }
  for (const text of texts) collectReferences(text, refs)
  const catalog = await loadCatalog()
  const concrete = [...refs.actions].filter((a) => a !== '*' && a.includes(':') && !WILDCARD.test(a.slice(0, a.indexOf(':'))))
  await catalog.ensureForActions(concrete)
  await Promise.all([...refs.services].filter((s) => catalog.serviceExists(s)).map((s) => catalog.ensureService(s)))
  // Suggestions for unknown actions may come from any service (iam:AssumeRole -> sts:AssumeRole).
  const unknown = concrete.filter((a) => !WILDCARD.test(a) && (!catalog.serviceExists(a.slice(0, a.indexOf(':'))) || !catalog.actionExists(a)))
  for (const action of unknown) await catalog.ensureForSuggestions(action, { crossService: catalog.serviceExists(action.slice(0, action.indexOf(':'))) })
  const managedPolicies = refs.managedPolicies ? await loadAwsManagedPolicies() : undefined
  return { catalog, managedPolicies }
}

/** Lints one file's text (a policy, or a CloudFormation-shaped template) with the real catalogue. */
export async function lintText(text: string, options: { kind?: LintKind } = {}): Promise<LintResult> {
  const prepared = await prepareLintCatalog([text])
  return lintDocument(text, { kind: options.kind, ...prepared })
}
