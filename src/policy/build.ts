/**
 * Helpers for building policy models in code (engine tests, blueprints, managed-policy
 * snapshots). They run the same validation and normalisation as the parser, so nobody
 * re-implements string-or-array handling or condition flattening.
 */
import type { Policy, PolicyKind, PrincipalSpec, Statement } from './model.js'
import { parsePolicy, validatePolicyValue } from './parse.js'

/** Raised by the build helpers: they serve code written by us, where a bad policy is a bug. */
export class InvalidPolicyError extends Error {
  constructor(readonly problems: { path: string; message: string; detail?: string }[]) {
    super(`invalid policy: ${problems.map((p) => `${p.path}: ${p.detail ?? p.message}`).join('; ')}`)
    this.name = 'InvalidPolicyError'
  }
}

/** Builds the model of a policy written as a JavaScript object; throws InvalidPolicyError if it is invalid. */
export function policyFromObject(value: unknown, kind: PolicyKind = 'identity'): Policy {
  const result = validatePolicyValue(value, { kind })
  if (result.policy === undefined) throw new InvalidPolicyError(result.problems)
  return result.policy
}

/** Builds the model of policy text known to be valid (e.g. an AWS managed policy); throws InvalidPolicyError if not. */
export function policyFromText(text: string, kind: PolicyKind = 'identity'): Policy {
  const result = parsePolicy(text, { kind })
  if (result.policy === undefined) throw new InvalidPolicyError(result.problems)
  return result.policy
}

/** Builds one statement from a statement object (as it would appear inside `Statement`). */
export function statementFromObject(value: unknown, kind: PolicyKind = 'identity'): Statement {
  const statement = policyFromObject({ Version: '2012-10-17', Statement: [value] }, kind).statements[0]
  if (statement === undefined) throw new InvalidPolicyError([{ path: '$.Statement[0]', message: 'no statement' }])
  return statement
}

/** A PrincipalSpec with nothing in it, to fill in by hand. */
export function emptyPrincipal(): PrincipalSpec {
  return { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] }
}
