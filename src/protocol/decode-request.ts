/**
 * From a Query request body (or GET query string) to a validated operation input:
 * Action and Version resolved against the model, parameters decoded, constraints checked.
 */
import { awsError, type AwsError } from './errors.js'
import { decodeInput, type InputObject } from './decode-input.js'
import { serviceModel } from './model.js'
import type { ServiceName } from './model-types.js'
import { paramTree, parseQuery } from './parse-query.js'
import { validateInput } from './validate-input.js'
import { validationError } from './validation-message.js'

export type DecodedRequest =
  | { ok: true; operation: string; input: InputObject }
  | { ok: false; error: AwsError }

/** Decodes and validates a Query request for `service`; failures are AWS errors, never thrown. */
export function decodeQueryRequest(service: ServiceName, bodyOrQuery: string | URLSearchParams): DecodedRequest {
  const model = serviceModel(service)
  const { action, version, params } = parseQuery(bodyOrQuery)
  if (action === undefined || action === '') return { ok: false, error: awsError('MissingAction', 'Missing Action') }
  const op = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined
  // AWS looks operations up per API version, so a wrong Version reads as an unknown operation.
  if (op === undefined || version !== model.apiVersion) {
    const shown = version === undefined || version === '' ? 'NO_VERSION_SPECIFIED' : version
    return { ok: false, error: awsError('InvalidAction', `Could not find operation ${action} for version ${shown}`) }
  }
  if (op.input === undefined) return { ok: true, operation: action, input: {} }
  const { input, violations } = decodeInput(model, op.input, paramTree(params))
  violations.push(...validateInput(model, op.input, input))
  if (violations.length > 0) return { ok: false, error: validationError(violations) }
  return { ok: true, operation: action, input }
}
