/**
 * UpdateSigningCertificate and DeleteSigningCertificate
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSigningCertificate.html).
 * `UserName` defaults to the caller.
 */
import { credentialStatusOperation, deleteCredentialOperation } from '../shared/user-credentials.js'

export const updateSigningCertificate = credentialStatusOperation('signing-certificate', 'UpdateSigningCertificate', 'CertificateId')

export const deleteSigningCertificate = deleteCredentialOperation('signing-certificate', 'DeleteSigningCertificate', 'CertificateId')
