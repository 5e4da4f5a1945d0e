import { serviceModel } from './model.js'
import type { ServiceName } from './model-types.js'
import type { ErrorType } from './errors.js'
import { xmlEscape } from './xml-escape.js'

/** What the renderer needs of an error: an AwsError, or a failure record such as SigV4's. */
export interface RenderableError {
  code: string
  message: string
  status: number
  type?: ErrorType
}

export interface RenderedError {
  status: number
  contentType: string
  body: string
}

/** The one place errors become HTTP responses: AWS's Query `<ErrorResponse>`. */
export function renderError(error: RenderableError, requestId: string, service: ServiceName = 'iam'): RenderedError {
  const type = error.type ?? (error.status >= 500 ? 'Receiver' : 'Sender')
  // Some AWS errors carry no message at all (IAM's ReportNotPresent, ReportInProgress).
  const message = error.message === '' ? '' : `<Message>${xmlEscape(error.message)}</Message>`
  const body =
    `<ErrorResponse xmlns="${serviceModel(service).xmlNamespace}">` +
    `<Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code>${message}</Error>` +
    `<RequestId>${xmlEscape(requestId)}</RequestId>` +
    '</ErrorResponse>'
  return { status: error.status, contentType: 'text/xml', body }
}
