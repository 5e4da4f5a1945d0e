/**
 * DecodeAuthorizationMessage (https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html).
 * AWS encodes the details of a denial only for some services' operations (EC2's, for
 * example); IAM and STS, the services Warden serves, answer AccessDenied in plain words, so
 * Warden never issues an encoded message. The operation is authorized as on AWS
 * (sts:DecodeAuthorizationMessage), and every message given to it is one this service did
 * not issue: InvalidAuthorizationMessageException, as AWS answers for a message it cannot
 * decode.
 */
import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'

export const decodeAuthorizationMessage = defineOperation({
  service: 'sts',
  name: 'DecodeAuthorizationMessage',
  handler: async (_input: { EncodedMessage: string }) => {
    throw awsError('InvalidAuthorizationMessageException', 'The encoded authorization message is not valid: Warden (IAM and STS) issues no encoded authorization messages.')
  }
})
