/**
 * Records of the "people" features: console passwords (login profiles) and virtual MFA
 * devices. Secrets never reach the store in the clear: passwords arrive as the caller's
 * memory-hard hashes, MFA seeds sealed by the caller.
 */
import type { PageRequest, Tag, UserRecord } from './types.js'

/** A user's console password (CreateLoginProfile). */
export interface LoginProfileRecord {
  userName: string
  userId: string
  createDate: Date
  passwordResetRequired: boolean
  /** The current password's hash, in the caller's self-describing format. */
  passwordHash: string
  /** Hashes of earlier passwords, newest first, as many as the caller chose to keep. */
  passwordHistory: string[]
  /** When the password was last set (CreateLoginProfile, UpdateLoginProfile with Password, ChangePassword). */
  passwordLastChanged: Date
}

export interface CreateLoginProfileInput {
  userName: string
  passwordHash: string
  passwordResetRequired: boolean
  passwordHistory?: string[]
}

/** What UpdateLoginProfile and ChangePassword may change; a new hash also moves passwordLastChanged. */
export interface UpdateLoginProfileInput {
  passwordHash?: string
  passwordHistory?: string[]
  passwordResetRequired?: boolean
  /**
   * Optimistic check: the update applies only while the stored hash is still this one
   * (Conflict otherwise), so two password changes cannot both win.
   */
  ifPasswordHash?: string
}

/** A virtual MFA device, assigned to a user once enabled. */
export interface MfaDeviceRecord {
  /** arn:aws:iam::<account>:mfa<path><name>. */
  serialNumber: string
  name: string
  path: string
  /** The TOTP seed as the caller sealed it. */
  seedCiphertext: Uint8Array
  createDate: Date
  /** Set while the device is enabled for a user. */
  user?: UserRecord
  enableDate?: Date
  /** The last TOTP time step accepted (replay protection), if any. */
  lastUsedStep?: number
  /** Clock drift of the device in time steps, learnt by EnableMFADevice and ResyncMFADevice. */
  driftSteps: number
  tags: Tag[]
}

export interface CreateVirtualMfaDeviceInput {
  name: string
  path?: string
  seedCiphertext: Uint8Array
  tags?: Tag[]
}

export type MfaAssignmentStatus = 'Assigned' | 'Unassigned' | 'Any'

export interface ListVirtualMfaDevicesRequest extends PageRequest {
  assignmentStatus?: MfaAssignmentStatus
}

/** The TOTP state EnableMFADevice and ResyncMFADevice record. */
export interface MfaSync {
  lastUsedStep: number
  driftSteps: number
}

/** The per-user credentials other AWS services use: SSH keys (CodeCommit), X.509 signing certificates, service passwords. */
export type UserCredentialKind = 'ssh-public-key' | 'signing-certificate' | 'service-specific-credential'

export type UserCredentialStatus = 'Active' | 'Inactive'

export interface UserCredentialRecord {
  kind: UserCredentialKind
  id: string
  userName: string
  userId: string
  status: UserCredentialStatus
  /** UploadDate or CreateDate. */
  createDate: Date
  /** The SSH public key or certificate as uploaded. */
  body?: string
  /** What makes two uploads the same key or certificate. */
  fingerprint?: string
  serviceName?: string
  serviceUserName?: string
  /** A service-specific credential's password as the caller sealed it. */
  secretCiphertext?: Uint8Array
}

export interface CreateUserCredentialInput {
  kind: UserCredentialKind
  id: string
  userName: string
  status?: UserCredentialStatus
  body?: string
  fingerprint?: string
  serviceName?: string
  serviceUserName?: string
  secretCiphertext?: Uint8Array
}
