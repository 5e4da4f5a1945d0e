/**
 * Rules of the login profile and MFA device tables every dialect enforces alike: AWS's
 * messages, the DeleteUser blockers they add, and their place in reset().
 */
import { StoreError } from './errors.js'
import type { StoreLimits } from './limits.js'
import type { UserCredentialKind } from './people-types.js'

/** Rows of these tables that make DeleteUser a DeleteConflict; the parameter is the user's id. */
export const PEOPLE_USER_BLOCKERS: readonly (readonly [sql: string, message: string])[] = [
  ['SELECT 1 FROM login_profiles WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must delete login profile first.'],
  ['SELECT 1 FROM mfa_devices WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must delete MFA device first.'],
  ["SELECT 1 FROM user_credentials WHERE user_id = ? AND kind = 'signing-certificate' LIMIT 1", 'Cannot delete entity, must delete signing certificates first.'],
  ["SELECT 1 FROM user_credentials WHERE user_id = ? AND kind = 'ssh-public-key' LIMIT 1", 'Cannot delete entity, must delete SSH public keys first.'],
  ["SELECT 1 FROM user_credentials WHERE user_id = ? AND kind = 'service-specific-credential' LIMIT 1", 'Cannot delete entity, must delete service specific credentials first.']
]

/** Tables reset() empties, to run before the users they reference. */
export const PEOPLE_RESET_ORDER = ['login_profiles', 'mfa_devices', 'user_credentials'] as const

export function loginProfileNotFound(userName: string): StoreError {
  return new StoreError('NotFound', `Login Profile for User ${userName} cannot be found.`, 'login-profile')
}

export function loginProfileExists(userName: string): StoreError {
  return new StoreError('AlreadyExists', `Login Profile for user ${userName} already exists.`, 'login-profile')
}

/** The optimistic check of an update lost to a concurrent password change. */
export function loginProfileChanged(userName: string): StoreError {
  return new StoreError('Conflict', `Login Profile for User ${userName} was modified by another request.`, 'login-profile')
}

export function mfaDeviceNotFound(serialNumber: string): StoreError {
  return new StoreError('NotFound', `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`, 'mfa-device')
}

export function mfaDeviceExists(): StoreError {
  return new StoreError('AlreadyExists', 'MFADevice entity at the same path and name already exists.', 'mfa-device')
}

export function mfaDeviceInUse(): StoreError {
  return new StoreError('AlreadyExists', 'MFA Device is already in use.', 'mfa-device')
}

/** DeactivateMFADevice, ResyncMFADevice, GetMFADevice for a device not enabled for that user. */
export function mfaDeviceNotAssigned(serialNumber: string, userName: string): StoreError {
  return new StoreError('NotFound', `MFA Device with serial number ${serialNumber} not found for user ${userName}.`, 'mfa-device')
}

export function mfaDeviceAssigned(): StoreError {
  return new StoreError('Conflict', 'MFA VirtualDevice in use. Must deactivate first.', 'mfa-device')
}

export function mfaDevicesExceeded(limit: number): StoreError {
  return new StoreError('LimitExceeded', `Cannot exceed quota for MFADevicesPerUser: ${limit}`, 'mfa-device')
}

/** AWS's NoSuchEntity message per kind of user credential. */
export function userCredentialNotFound(kind: UserCredentialKind, id: string): StoreError {
  const message = {
    'ssh-public-key': `The Public Key with id ${id} cannot be found.`,
    'signing-certificate': `The Certificate with id ${id} cannot be found.`,
    'service-specific-credential': `No such credential ${id} exists`
  }[kind]
  return new StoreError('NotFound', message, 'user-credential')
}

/** The quota a new credential of `kind` would pass, as StoreLimits names it and AWS words it. */
export function userCredentialQuota(kind: UserCredentialKind, limits: StoreLimits): { name: string; limit: number } {
  if (kind === 'ssh-public-key') return { name: 'SSHPublicKeysPerUser', limit: limits.sshPublicKeysPerUser }
  if (kind === 'signing-certificate') return { name: 'SigningCertificatesPerUser', limit: limits.signingCertificatesPerUser }
  return { name: 'ServiceSpecificCredentialsPerUserPerService', limit: limits.serviceCredentialsPerUserPerService }
}

export function userCredentialsExceeded(quota: { name: string; limit: number }): StoreError {
  return new StoreError('LimitExceeded', `Cannot exceed quota for ${quota.name}: ${quota.limit}`, 'user-credential')
}

export function userCredentialDuplicate(): StoreError {
  return new StoreError('AlreadyExists', 'The credential is already uploaded.', 'user-credential')
}
