/**
 * The store's own error type. Implementations translate every driver error into one of
 * these kinds; the IAM handlers map kinds to AWS error codes (AlreadyExists ->
 * EntityAlreadyExists, NotFound -> NoSuchEntity, LimitExceeded -> LimitExceeded,
 * Conflict -> DeleteConflict, InvalidInput -> InvalidInput, Unavailable -> ServiceUnavailable, 503).
 */
export type StoreErrorKind =
  | 'AlreadyExists'
  | 'NotFound'
  | 'LimitExceeded'
  | 'Conflict'
  | 'InvalidInput'
  | 'Unavailable'

/** Which kind of entity an error is about, so handlers can pick the AWS message. */
export type EntityKind =
  | 'account'
  | 'user'
  | 'group'
  | 'role'
  | 'policy'
  | 'policy-version'
  | 'inline-policy'
  | 'attachment'
  | 'access-key'
  | 'instance-profile'
  | 'deletion-task'
  | 'login-profile'
  | 'mfa-device'
  | 'user-credential'
  | 'oidc-provider'
  | 'saml-provider'
  | 'server-certificate'
  | 'marker'
  | 'delegation-request'

/** An error raised by a Store; `message` is worded the way AWS words the matching error. */
export class StoreError extends Error {
  override readonly name = 'StoreError'

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly entity?: EntityKind,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** True when `err` is a StoreError, optionally of the given kind. */
export function isStoreError(err: unknown, kind?: StoreErrorKind): err is StoreError {
  return err instanceof StoreError && (kind === undefined || err.kind === kind)
}
