/** What the SSH key, signing certificate and service-specific credential operations share. */
import { randomBytes } from 'node:crypto'
import { defineOperation, type OperationSpec } from '../../server/operation.js'
import type { UserCredentialKind, UserCredentialStatus } from '../../store/index.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from './errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A new credential id: `prefix` and upper-case base32 characters, `length` in all. */
export function newCredentialId(prefix: string, length: number): string {
  let out = prefix
  for (const byte of randomBytes(length - prefix.length)) out += ALPHABET[byte & 31]
  return out
}

/** The status a caller may set: statusType also lists Expired, which only AWS sets. */
export function requireSettableStatus(status: string): UserCredentialStatus {
  if (status !== 'Active' && status !== 'Inactive') throw iamError('InvalidInput', `Status must be Active or Inactive, got ${status}.`)
  return status
}

type CredentialInput = { UserName?: string; Status?: string } & Record<string, string | undefined>

/** UpdateSSHPublicKey, UpdateSigningCertificate, UpdateServiceSpecificCredential: Status of the user's credential named by `idMember`. */
export function credentialStatusOperation(kind: UserCredentialKind, name: string, idMember: string): OperationSpec<CredentialInput, undefined> {
  return defineOperation<CredentialInput, undefined>({
    service: 'iam',
    name,
    resource: (input, ctx) => targetUserArn(ctx, input.UserName),
    async handler(input, ctx) {
      const status = requireSettableStatus(input.Status ?? '')
      const user = await requireTargetUser(ctx, input.UserName)
      await ctx.store.updateUserCredential(kind, user.name, input[idMember] ?? '', { status })
      return undefined
    }
  })
}

/** DeleteSSHPublicKey, DeleteSigningCertificate, DeleteServiceSpecificCredential. */
export function deleteCredentialOperation(kind: UserCredentialKind, name: string, idMember: string): OperationSpec<CredentialInput, undefined> {
  return defineOperation<CredentialInput, undefined>({
    service: 'iam',
    name,
    resource: (input, ctx) => targetUserArn(ctx, input.UserName),
    async handler(input, ctx) {
      const user = await requireTargetUser(ctx, input.UserName)
      await ctx.store.deleteUserCredential(kind, user.name, input[idMember] ?? '')
      return undefined
    }
  })
}
