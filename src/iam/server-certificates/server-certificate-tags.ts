/**
 * TagServerCertificate, UntagServerCertificate and ListServerCertificateTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagServerCertificate.html).
 */
import { tagOperations } from '../shared/tag-operations.js'
import { requireServerCertificate, serverCertificateResourceArn } from './server-certificate-resource.js'

export const serverCertificateTagOperations = tagOperations({
  entity: 'ServerCertificate',
  member: 'ServerCertificateName',
  resource: serverCertificateResourceArn,
  require: requireServerCertificate,
  tag: (ctx, name, tags) => ctx.store.tagServerCertificate(name, tags),
  untag: (ctx, name, keys) => ctx.store.untagServerCertificate(name, keys)
})
