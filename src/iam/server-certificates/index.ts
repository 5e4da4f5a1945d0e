/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { deleteServerCertificate } from './delete-server-certificate.js'
import { getServerCertificate } from './get-server-certificate.js'
import { listServerCertificates } from './list-server-certificates.js'
import { serverCertificateTagOperations } from './server-certificate-tags.js'
import { updateServerCertificate } from './update-server-certificate.js'
import { uploadServerCertificate } from './upload-server-certificate.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  uploadServerCertificate,
  getServerCertificate,
  listServerCertificates,
  updateServerCertificate,
  deleteServerCertificate,
  ...serverCertificateTagOperations
]
