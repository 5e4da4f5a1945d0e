/**
 * The IAM handlers' one way to raise an AWS error: a thin adapter over the protocol
 * layer's error catalogue (src/protocol/errors.ts), which knows each code's HTTP status.
 */
import { awsError, isAwsError, type AwsError } from '../../protocol/index.js'

/** The IAM error codes the handlers raise, as the botocore model names them. */
export type IamErrorCode =
  | 'NoSuchEntity'
  | 'EntityAlreadyExists'
  | 'LimitExceeded'
  | 'DeleteConflict'
  | 'MalformedPolicyDocument'
  | 'InvalidInput'
  | 'UnmodifiableEntity'
  | 'PolicyNotAttachable'
  | 'ConcurrentModification'
  | 'ServiceFailure'
  | 'AccessDenied'
  | 'ValidationError'
  | 'PasswordPolicyViolation'
  | 'EntityTemporarilyUnmodifiable'
  | 'InvalidUserType'
  | 'InvalidAuthenticationCode'
  | 'InvalidPublicKey'
  | 'UnrecognizedPublicKeyEncoding'
  | 'DuplicateSSHPublicKey'
  | 'MalformedCertificate'
  | 'KeyPairMismatch'
  | 'DuplicateCertificate'
  | 'NotSupportedService'
  | 'ReportNotPresent'
  | 'ReportInProgress'
  | 'ReportExpired'

/** The AWS error `code` with `message` (AWS's wording) and the catalogue's HTTP status, ready to throw from a handler. */
export function iamError(code: IamErrorCode, message: string): AwsError {
  return awsError(code, message)
}

/** True when `err` is an AWS error (from {@link iamError} or the protocol layer), optionally with the given code. */
export function isIamError(err: unknown, code?: IamErrorCode): err is AwsError {
  return isAwsError(err, code)
}
