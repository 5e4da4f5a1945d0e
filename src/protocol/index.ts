/** The AWS Query protocol: request decoding and validation, XML responses, errors, paging. */
export { decodeQueryRequest, type DecodedRequest } from './decode-request.js'
export { decodeInput, type DecodedInput, type InputObject } from './decode-input.js'
export { encodeResponse, formatTimestamp, type OutputObject } from './encode-response.js'
export {
  AwsError,
  COMMON_ERRORS,
  INTERNAL_FAILURE_MESSAGE,
  awsError,
  errorCatalogue,
  isAwsError,
  toAwsError,
  type CommonErrorCode,
  type ErrorSpec,
  type ErrorType
} from './errors.js'
export { compilePattern, javaPatternToJs } from './java-pattern.js'
export { serviceModel } from './model.js'
export type { ServiceModel, ServiceName, Shape } from './model-types.js'
export {
  DEFAULT_MAX_ITEMS,
  MAX_MAX_ITEMS,
  decodeMarker,
  encodeMarker,
  invalidMarker,
  paginate,
  type PageInput,
  type PageResult
} from './pagination.js'
export { parseQuery, type QueryParams } from './parse-query.js'
export { renderError, type RenderableError, type RenderedError } from './render-error.js'
export { validateInput } from './validate-input.js'
export { validationError } from './validation-message.js'
export { xmlEscape } from './xml-escape.js'
