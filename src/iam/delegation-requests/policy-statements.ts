/** The statements of a request's rendered policy (a valid policy: CreateDelegationRequest checked it), as plain JSON. */
export type StatementJson = Record<string, unknown>

/** A policy element that holds one string or a list of them, as a list. */
export function stringList(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []
}

/** The statements of `policyText`, whether its Statement is one object or a list. */
export function policyStatements(policyText: string): StatementJson[] {
  const policy = JSON.parse(policyText) as { Statement?: unknown }
  return (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as StatementJson[]
}
