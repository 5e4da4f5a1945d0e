/**
 * Service-specific credentials (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html):
 * a user name and password for CodeCommit (Git over HTTPS) or Amazon Keyspaces. The
 * password is shown at creation and reset only, and kept sealed like secret access keys.
 */
import { randomBytes } from 'node:crypto'
import type { OperationContext } from '../../server/operation.js'
import type { UserCredentialRecord } from '../../store/index.js'
import { sealSecret } from '../access-keys/secret.js'
import { iamError } from '../shared/errors.js'

/** The services that take such credentials and that Warden issues them for. */
export const SUPPORTED_SERVICES = ['codecommit.amazonaws.com', 'cassandra.amazonaws.com']

/** NotSupportedService unless `serviceName` takes service-specific credentials here. */
export function requireSupportedService(serviceName: string): void {
  if (!SUPPORTED_SERVICES.includes(serviceName)) {
    throw iamError('NotSupportedService', 'The specified service does not support service-specific credentials.')
  }
}

/** A new password as AWS issues them (60 characters, base64 of 44 random bytes), and its sealed form. */
export function newServicePassword(ctx: OperationContext): { password: string; sealed: Uint8Array } {
  const password = randomBytes(44).toString('base64')
  return { password, sealed: sealSecret(ctx.keys, password) }
}

/** The ServiceSpecificCredentialMetadata shape. */
export function credentialMetadata(c: UserCredentialRecord): Record<string, unknown> {
  return {
    UserName: c.userName, Status: c.status, ServiceUserName: c.serviceUserName, CreateDate: c.createDate,
    ServiceSpecificCredentialId: c.id, ServiceName: c.serviceName
  }
}

/** The ServiceSpecificCredential shape: the metadata and the password. */
export function credentialOutput(c: UserCredentialRecord, password: string): Record<string, unknown> {
  return { ...credentialMetadata(c), ServicePassword: password }
}
