/** Resolving server certificate names for handlers, and the ServerCertificateMetadata shape. */
import type { OperationContext } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import type { ServerCertificateRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

/** AWS's NoSuchEntity message for a server certificate. */
export function noSuchServerCertificateMessage(name: string): string {
  return `The Server Certificate with name ${name} cannot be found.`
}

/** The ARN an operation on a certificate is authorized on (path-less when it does not exist). */
export async function serverCertificateResourceArn(ctx: OperationContext, name: string): Promise<string> {
  const cert = await ctx.store.getServerCertificate(name)
  return cert?.arn ?? entityArn(ctx.accountId, 'server-certificate', '/', name)
}

/** The certificate, or AWS's NoSuchEntity error. */
export async function requireServerCertificate(ctx: OperationContext, name: string): Promise<ServerCertificateRecord> {
  const cert = await ctx.store.getServerCertificate(name)
  if (cert === undefined) throw iamError('NoSuchEntity', noSuchServerCertificateMessage(name))
  return cert
}

/** The botocore ServerCertificateMetadata shape: never the body, chain or private key. */
export function serverCertificateMetadata(c: ServerCertificateRecord): Record<string, unknown> {
  return { Path: c.path, ServerCertificateName: c.name, ServerCertificateId: c.id, Arn: c.arn, UploadDate: c.uploadDate, Expiration: c.expiration }
}
