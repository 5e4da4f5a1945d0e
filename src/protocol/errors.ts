/**
 * The one error catalogue: every AWS error Warden returns, with AWS's HTTP status. Model
 * errors come from the botocore error traits of both services; the protocol and auth
 * errors below are the ones the models do not carry ("Common Errors" pages of the IAM
 * and STS API references).
 */
import { serviceModel } from './model.js'
import type { ServiceName } from './model-types.js'

/** Who is at fault: the `<Type>` of an ErrorResponse. */
export type ErrorType = 'Sender' | 'Receiver'

export interface ErrorSpec {
  status: number
  type: ErrorType
}

/**
 * Errors every Query API shares; statuses from
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html and
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html.
 * AccessDenied, ExpiredToken and SignatureDoesNotMatch are what IAM/STS actually send
 * for authorization and authentication failures.
 */
export const COMMON_ERRORS = {
  AccessDenied: { status: 403, type: 'Sender' },
  AccessDeniedException: { status: 400, type: 'Sender' },
  AuthorizationQueryParametersError: { status: 400, type: 'Sender' },
  ExpiredToken: { status: 403, type: 'Sender' },
  IncompleteSignature: { status: 400, type: 'Sender' },
  InternalFailure: { status: 500, type: 'Receiver' },
  InvalidAction: { status: 400, type: 'Sender' },
  InvalidClientTokenId: { status: 403, type: 'Sender' },
  InvalidParameterCombination: { status: 400, type: 'Sender' },
  InvalidParameterValue: { status: 400, type: 'Sender' },
  InvalidQueryParameter: { status: 400, type: 'Sender' },
  MalformedQueryString: { status: 404, type: 'Sender' },
  MissingAction: { status: 400, type: 'Sender' },
  MissingAuthenticationToken: { status: 403, type: 'Sender' },
  MissingParameter: { status: 400, type: 'Sender' },
  NotAuthorized: { status: 400, type: 'Sender' },
  OptInRequired: { status: 403, type: 'Sender' },
  RequestExpired: { status: 400, type: 'Sender' },
  // Not in IAM's documents: AWS's front door answers these limits itself. Warden keeps
  // the AWS error shape so clients parse them like any other error.
  RequestEntityTooLarge: { status: 413, type: 'Sender' },
  RequestHeaderSectionTooLarge: { status: 431, type: 'Sender' },
  MalformedHTTPRequest: { status: 400, type: 'Sender' },
  ServiceUnavailable: { status: 503, type: 'Receiver' },
  SignatureDoesNotMatch: { status: 403, type: 'Sender' },
  Throttling: { status: 400, type: 'Sender' },
  ThrottlingException: { status: 400, type: 'Sender' },
  ValidationError: { status: 400, type: 'Sender' },
  XAmzContentSHA256Mismatch: { status: 400, type: 'Sender' }
} as const satisfies Record<string, ErrorSpec>

export type CommonErrorCode = keyof typeof COMMON_ERRORS

/** An AWS error: thrown by handlers, returned by the decoder, rendered in one place. */
export class AwsError extends Error {
  override readonly name = 'AwsError'

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: ErrorType = status >= 500 ? 'Receiver' : 'Sender'
  ) {
    super(message)
  }
}

let catalogue: Map<string, ErrorSpec> | undefined

/** Every known code with its status: the common errors plus both models' error traits. */
export function errorCatalogue(): ReadonlyMap<string, ErrorSpec> {
  if (catalogue !== undefined) return catalogue
  const map = new Map<string, ErrorSpec>(Object.entries(COMMON_ERRORS))
  for (const service of ['iam', 'sts'] as ServiceName[]) {
    for (const shape of Object.values(serviceModel(service).shapes)) {
      if (shape.type !== 'structure' || shape.error === undefined) continue
      // The model marks even its 500s senderFault; the wire Type follows the status.
      const { code, status } = shape.error
      if (!map.has(code)) map.set(code, { status, type: status >= 500 ? 'Receiver' : 'Sender' })
    }
  }
  catalogue = map
  return map
}

/** The AwsError for `code` with AWS's status; an unknown code is a 400 Sender error. */
export function awsError(code: string, message: string): AwsError {
  const spec = errorCatalogue().get(code)
  return new AwsError(code, message, spec?.status ?? 400, spec?.type ?? 'Sender')
}

/** True when `err` is an AwsError, optionally with the given code. */
export function isAwsError(err: unknown, code?: string): err is AwsError {
  return err instanceof AwsError && (code === undefined || err.code === code)
}

/** AWS's wording for a failure nobody anticipated; the cause is for logs, never the client. */
export const INTERNAL_FAILURE_MESSAGE = 'The request processing has failed because of an unknown error, exception or failure.'

/** `err` as an AwsError: AwsErrors pass through, anything else becomes InternalFailure. */
export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err
  return awsError('InternalFailure', INTERNAL_FAILURE_MESSAGE)
}
