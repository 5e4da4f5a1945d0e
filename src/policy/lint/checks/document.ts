/**
 * Document-level checks: the Version element, policy variables under the 2008 language
 * version, and empty Sids.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */
import { getMember, type JsonObjectNode } from '../../json-source.js'
import { VERSION_2012 } from '../../parse.js'
import { pathKey } from '../../problems.js'
import { clausesOf, valuesOf, type LintContext, type StatementView } from '../context.js'

const VARIABLE = /\$\{[^}]*\}/

/** Version, policy variables and Sid checks for one document. */
export function checkDocument(ctx: LintContext, root: JsonObjectNode, views: StatementView[]): void {
  const version = getMember(root, 'Version')
  if (version === undefined) {
    ctx.report(
      'MISSING_VERSION',
      { path: '$', range: root.range },
      'We recommend that you specify the Version element to help you with debugging permission issues. ' +
        `Without it the policy language version is 2008-10-17, where policy variables such as \${aws:username} are plain text: add "Version": "${VERSION_2012}".`
    )
  }
  const versionValue = version?.value.type === 'string' ? version.value.value : undefined
  if (versionValue !== VERSION_2012) {
    const written = versionValue === undefined ? 'no Version element' : `"Version": "${versionValue}"`
    for (const view of views) {
      for (const v of [...valuesOf(view, 'Resource'), ...valuesOf(view, 'NotResource')]) {
        const variable = VARIABLE.exec(v.value)?.[0]
        if (variable !== undefined) {
          ctx.report('VARIABLE_UNSUPPORTED_IN_VERSION', v, `To include variables in your policy, use the policy version ${VERSION_2012} or later: with ${written}, ${variable} is matched as literal text.`, { statement: view })
        }
      }
      for (const c of clausesOf(view)) {
        const variable = c.clause.values.map((value) => VARIABLE.exec(value)?.[0]).find((x) => x !== undefined)
        if (variable !== undefined) {
          ctx.report('VARIABLE_UNSUPPORTED_IN_VERSION', c, `To include variables in your policy, use the policy version ${VERSION_2012} or later: with ${written}, ${variable} in the ${c.clause.key} condition is compared as literal text.`, { statement: view })
        }
      }
    }
  }
  for (const view of views) {
    const sid = getMember(view.node, 'Sid')
    if (sid?.value.type === 'string' && sid.value.value === '') {
      ctx.report('EMPTY_SID_VALUE', { path: pathKey(view.path, 'Sid'), range: sid.value.range }, 'Add a value to the empty string in the Sid element, or remove the Sid.', { statement: view })
    }
  }
}
