/**
 * Rows of the login profile and MFA device tables and their records, shared by every
 * dialect: SQLite hands back text and integers, PostgreSQL Dates, booleans and JSON values,
 * so the mappers accept either.
 */
import type { LoginProfileRecord, MfaDeviceRecord, UserCredentialKind, UserCredentialRecord, UserCredentialStatus } from './people-types.js'
import type { Tag, UserRecord } from './types.js'

type Stamp = string | Date
type Json<T> = string | T

function date(value: Stamp): Date {
  return value instanceof Date ? value : new Date(value)
}

function json<T>(value: Json<T>): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

export interface LoginProfileRow {
  user_id: string
  user_name: string
  password_hash: string
  password_history: Json<string[]>
  password_reset_required: number | boolean
  create_date: Stamp
  password_last_changed: Stamp
}

/** Columns for queries joining login_profiles `lp` to iam_users `u`. */
export const LOGIN_PROFILE_COLUMNS =
  'lp.user_id, u.name AS user_name, lp.password_hash, lp.password_history, lp.password_reset_required, lp.create_date, lp.password_last_changed'

export function loginProfileRecord(row: LoginProfileRow): LoginProfileRecord {
  return {
    userName: row.user_name,
    userId: row.user_id,
    createDate: date(row.create_date),
    passwordResetRequired: row.password_reset_required === true || row.password_reset_required === 1,
    passwordHash: row.password_hash,
    passwordHistory: json(row.password_history),
    passwordLastChanged: date(row.password_last_changed)
  }
}

export interface MfaDeviceRow {
  serial_number: string
  name: string
  path: string
  seed: Uint8Array
  user_id: string | null
  enable_date: Stamp | null
  last_used_step: number | string | null
  drift_steps: number
  create_date: Stamp
  tags: Json<Tag[]>
  sort_key: string
}

export const MFA_DEVICE_COLUMNS =
  'serial_number, name, path, seed, user_id, enable_date, last_used_step, drift_steps, create_date, tags, lower(serial_number) AS sort_key'

/** A device row as a record; `user` is the assigned user, read by the caller. */
export function mfaDeviceRecord(row: MfaDeviceRow, user: UserRecord | undefined): MfaDeviceRecord {
  const device: MfaDeviceRecord = {
    serialNumber: row.serial_number,
    name: row.name,
    path: row.path,
    seedCiphertext: new Uint8Array(row.seed),
    createDate: date(row.create_date),
    driftSteps: row.drift_steps,
    tags: json(row.tags)
  }
  if (user !== undefined) device.user = user
  if (row.enable_date !== null) device.enableDate = date(row.enable_date)
  // BIGINT comes back from PostgreSQL as text.
  if (row.last_used_step !== null) device.lastUsedStep = Number(row.last_used_step)
  return device
}

/** The serial number (ARN) of a virtual MFA device. */
export function mfaSerialNumber(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:mfa${path}${name}`
}

export interface UserCredentialRow {
  id: string
  kind: UserCredentialKind
  user_id: string
  user_name: string
  status: UserCredentialStatus
  create_date: Stamp
  body: string | null
  fingerprint: string | null
  service_name: string | null
  service_user_name: string | null
  secret: Uint8Array | null
}

/** Columns for queries joining user_credentials `c` to iam_users `u`. */
export const USER_CREDENTIAL_COLUMNS =
  'c.id, c.kind, c.user_id, u.name AS user_name, c.status, c.create_date, c.body, c.fingerprint, c.service_name, c.service_user_name, c.secret'

export function userCredentialRecord(row: UserCredentialRow): UserCredentialRecord {
  const out: UserCredentialRecord = {
    kind: row.kind, id: row.id, userName: row.user_name, userId: row.user_id, status: row.status, createDate: date(row.create_date)
  }
  if (row.body !== null) out.body = row.body
  if (row.fingerprint !== null) out.fingerprint = row.fingerprint
  if (row.service_name !== null) out.serviceName = row.service_name
  if (row.service_user_name !== null) out.serviceUserName = row.service_user_name
  if (row.secret !== null) out.secretCiphertext = new Uint8Array(row.secret)
  return out
}
