/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { listSigningCertificates } from './list-signing-certificates.js'
import { deleteSigningCertificate, updateSigningCertificate } from './update-signing-certificate.js'
import { uploadSigningCertificate } from './upload-signing-certificate.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [uploadSigningCertificate, listSigningCertificates, updateSigningCertificate, deleteSigningCertificate]
