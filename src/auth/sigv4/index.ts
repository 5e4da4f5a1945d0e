/** AWS Signature Version 4: request verification for the server, signing for tests. */
export { verifyRequest, type VerifierOptions } from './verify-request.js'
export { signRequest, presignRequest, type RequestToSign, type SigningCredentials, type SigningOptions, type SignedRequest } from './sign-request.js'
export { SigningKeyCache, deriveSigningKey } from './get-signing-key.js'
export { buildSignature, type SignatureInputs, type SignatureSteps } from './build-signature.js'
export { formatAmzDate, parseAmzDate } from './amz-date.js'
export { firstHeaderValue } from './get-canonical-headers.js'
export type {
  CredentialScope,
  HeaderValue,
  LookupSecret,
  SecretLookupResult,
  SignableRequest,
  SigV4ErrorCode,
  VerifyFailure,
  VerifyOptions,
  VerifyResult,
  VerifySuccess
} from './types.js'
