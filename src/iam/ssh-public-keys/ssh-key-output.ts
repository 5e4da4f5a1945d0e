/** The SSHPublicKey and SSHPublicKeyMetadata output shapes. */
import type { UserCredentialRecord } from '../../store/index.js'

export function sshKeyMetadata(k: UserCredentialRecord): { UserName: string; SSHPublicKeyId: string; Status: string; UploadDate: Date } {
  return { UserName: k.userName, SSHPublicKeyId: k.id, Status: k.status, UploadDate: k.createDate }
}

export function sshKeyOutput(k: UserCredentialRecord, body: string): Record<string, unknown> {
  return { UserName: k.userName, SSHPublicKeyId: k.id, Fingerprint: k.fingerprint, SSHPublicKeyBody: body, Status: k.status, UploadDate: k.createDate }
}
