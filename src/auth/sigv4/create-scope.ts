import { TERMINATOR } from './constants.js'
import type { CredentialScope } from './types.js'

/** `<date>/<region>/<service>/aws4_request` */
export function createScope(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`
}
