/** The policy linter: Access Analyzer-style findings for policy documents and CloudFormation-shaped inputs. Pure. */
export type * from './types.js'
export { FINDING_TYPES } from './types.js'
export { lintPolicy, sortFindings } from './lint-policy.js'
export { isPolicyOrTemplate, lintDocument, shiftRange } from './lint-document.js'
export { collectReferences, type LintReferences } from './references.js'
export { detectKind } from './detect-kind.js'
export { listRules, ruleFor, type LintRule } from './rules.js'
export { lintMarkdown, jsonBlocks } from './lint-markdown.js'
