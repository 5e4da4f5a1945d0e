import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { AwsError, awsError, errorCatalogue, INTERNAL_FAILURE_MESSAGE, isAwsError, toAwsError } from './errors.js'
import { renderError } from './render-error.js'

describe('error catalogue', () => {
  it.each([
    // https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
    ['InvalidAction', 400, 'Sender'],
    ['MissingAuthenticationToken', 403, 'Sender'],
    ['InvalidClientTokenId', 403, 'Sender'],
    ['SignatureDoesNotMatch', 403, 'Sender'],
    ['RequestExpired', 400, 'Sender'],
    ['ExpiredToken', 403, 'Sender'],
    ['MalformedQueryString', 404, 'Sender'],
    ['ServiceUnavailable', 503, 'Receiver'],
    ['InternalFailure', 500, 'Receiver'],
    ['ValidationError', 400, 'Sender'],
    ['AccessDenied', 403, 'Sender'],
    // Model error traits (botocore iam and sts service-2.json).
    ['NoSuchEntity', 404, 'Sender'],
    ['EntityAlreadyExists', 409, 'Sender'],
    ['LimitExceeded', 409, 'Sender'],
    ['DeleteConflict', 409, 'Sender'],
    ['MalformedPolicyDocument', 400, 'Sender'],
    ['ServiceFailure', 500, 'Receiver'],
    ['ReportInProgress', 404, 'Sender'],
    ['PackedPolicyTooLarge', 400, 'Sender'],
    ['RegionDisabledException', 403, 'Sender'],
    ['IDPRejectedClaim', 403, 'Sender']
  ] as const)('%s is HTTP %d, %s', (code, status, type) => {
    const err = awsError(code, 'm')
    expect([err.status, err.type, err.code, err.message]).toEqual([status, type, code, 'm'])
    expect(errorCatalogue().get(code)).toEqual({ status, type })
  })

  it('recognises its errors and turns anything else into InternalFailure without leaking it', () => {
    const err = awsError('NoSuchEntity', 'x')
    expect(isAwsError(err)).toBe(true)
    expect(isAwsError(err, 'NoSuchEntity')).toBe(true)
    expect(isAwsError(err, 'InvalidInput')).toBe(false)
    expect(isAwsError(new Error('x'))).toBe(false)
    expect(toAwsError(err)).toBe(err)
    const internal = toAwsError(new Error('database password is hunter2'))
    expect([internal.code, internal.status, internal.message]).toEqual(['InternalFailure', 500, INTERNAL_FAILURE_MESSAGE])
    expect(new AwsError('Custom', 'm', 418).type).toBe('Sender')
  })
})

describe('renderError', () => {
  const parser = new XMLParser({ ignoreAttributes: false })

  it('renders the Query ErrorResponse in the service namespace', () => {
    const out = renderError(awsError('NoSuchEntity', 'The role with name <A&B> cannot be found.'), 'rid-1')
    expect(out.status).toBe(404)
    expect(out.contentType).toBe('text/xml')
    expect(out.body).toBe(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        '<Message>The role with name &lt;A&amp;B&gt; cannot be found.</Message></Error><RequestId>rid-1</RequestId></ErrorResponse>'
    )
    expect(parser.parse(out.body).ErrorResponse.Error.Message).toBe('The role with name <A&B> cannot be found.')
  })

  it('renders failure records such as SigV4 results, in the STS namespace', () => {
    const out = renderError({ code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.', status: 403 }, 'r', 'sts')
    const doc = parser.parse(out.body).ErrorResponse
    expect(doc['@_xmlns']).toBe('https://sts.amazonaws.com/doc/2011-06-15/')
    expect(doc.Error.Type).toBe('Sender')
    expect(renderError({ code: 'ServiceUnavailable', message: 'x', status: 503 }, 'r').body).toContain('<Type>Receiver</Type>')
  })
})
