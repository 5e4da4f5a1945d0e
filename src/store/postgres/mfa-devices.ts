import { decodeMarker, pageSize, toPage } from '../paging.js'
import { MFA_DEVICE_COLUMNS, mfaDeviceRecord, mfaSerialNumber, type MfaDeviceRow } from '../people-records.js'
import {
  mfaDeviceAssigned, mfaDeviceExists, mfaDeviceInUse, mfaDeviceNotAssigned, mfaDeviceNotFound, mfaDevicesExceeded
} from '../people-rules.js'
import type { CreateVirtualMfaDeviceInput, ListVirtualMfaDevicesRequest, MfaDeviceRecord, MfaSync } from '../people-types.js'
import type { MfaDeviceStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { PageRequest, Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { afterKey, type PgSession } from './session.js'
import { userOps, userRow } from './users.js'

const SELECT = `SELECT ${MFA_DEVICE_COLUMNS} FROM mfa_devices`

const ASSIGNMENT: Record<NonNullable<ListVirtualMfaDevicesRequest['assignmentStatus']>, string> = {
  Any: '',
  Assigned: ' AND user_id IS NOT NULL',
  Unassigned: ' AND user_id IS NULL'
}

async function find(s: PgSession, serial: string, lock = false): Promise<MfaDeviceRow | undefined> {
  return s.get<MfaDeviceRow>(`${SELECT} WHERE lower(serial_number) = lower(?)${lock ? ' FOR UPDATE' : ''}`, serial)
}

async function require(s: PgSession, serial: string, lock = false): Promise<MfaDeviceRow> {
  const row = await find(s, serial, lock)
  if (!row) throw mfaDeviceNotFound(serial)
  return row
}

async function record(s: PgSession, row: MfaDeviceRow): Promise<MfaDeviceRecord> {
  return mfaDeviceRecord(row, row.user_id === null ? undefined : await userOps.getUserById(s, row.user_id))
}

/** The device row, locked, NotFound unless it is enabled for the user. */
async function assigned(s: PgSession, userName: string, serial: string): Promise<MfaDeviceRow> {
  const user = await userRow(s, userName)
  const row = await find(s, serial, true)
  if (!row || row.user_id !== user.id) throw mfaDeviceNotAssigned(serial, user.name)
  return row
}

async function page(s: PgSession, where: string, params: string[], request: PageRequest | undefined) {
  const size = pageSize(request)
  const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
  const key = afterKey('lower(serial_number)', after)
  const rows = await s.all<MfaDeviceRow>(`${SELECT} WHERE 1 = 1${where}${key.sql} ORDER BY lower(serial_number) LIMIT ?`,
    ...params, ...key.params, size + 1)
  const records = new Map<MfaDeviceRow, MfaDeviceRecord>()
  for (const r of rows.slice(0, size)) records.set(r, await record(s, r))
  return toPage(rows, size, (r) => records.get(r)!, (r) => [r.sort_key])
}

async function setTags(s: PgSession, row: MfaDeviceRow, tags: Tag[]): Promise<void> {
  await s.run('UPDATE mfa_devices SET tags = ? WHERE serial_number = ?', JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value }))), row.serial_number)
  // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
  s.bump()
}

const storedTags = (row: MfaDeviceRow): Tag[] => (typeof row.tags === 'string' ? (JSON.parse(row.tags) as Tag[]) : row.tags)

/** MfaDeviceStore over PostgreSQL. */
export const mfaDeviceOps: WithSession<MfaDeviceStore> = {
  async createVirtualMfaDevice(s, input: CreateVirtualMfaDeviceInput) {
    const path = input.path ?? '/'
    const serial = mfaSerialNumber(await s.accountId(), path, input.name)
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await insertUnique(() => s.run(
      'INSERT INTO mfa_devices (serial_number, name, path, seed, create_date, tags) VALUES (?, ?, ?, ?, now(), ?)',
      serial, input.name, path, input.seedCiphertext, JSON.stringify(tags)
    ), mfaDeviceExists().message, 'mfa-device')
    return record(s, await require(s, serial))
  },
  async getMfaDevice(s, serialNumber: string) {
    const row = await find(s, serialNumber)
    return row && record(s, row)
  },
  async listVirtualMfaDevices(s, request?: ListVirtualMfaDevicesRequest) {
    return page(s, ASSIGNMENT[request?.assignmentStatus ?? 'Any'], [], request)
  },
  async listMfaDevices(s, userName: string, request?: PageRequest) {
    return page(s, ' AND user_id = ?', [(await userRow(s, userName)).id], request)
  },
  async enableMfaDevice(s, userName: string, serialNumber: string, sync: MfaSync) {
    // Counted under the user's row lock: parallel enables on any replica queue here.
    const user = await userRow(s, userName, 'update')
    const row = await require(s, serialNumber, true)
    if (row.user_id !== null) throw mfaDeviceInUse()
    const n = (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM mfa_devices WHERE user_id = ?', user.id))?.n ?? 0
    if (n >= s.limits.mfaDevicesPerUser) throw mfaDevicesExceeded(s.limits.mfaDevicesPerUser)
    await s.run('UPDATE mfa_devices SET user_id = ?, enable_date = now(), last_used_step = ?, drift_steps = ? WHERE serial_number = ?',
      user.id, sync.lastUsedStep, sync.driftSteps, row.serial_number)
  },
  async deactivateMfaDevice(s, userName: string, serialNumber: string) {
    const row = await assigned(s, userName, serialNumber)
    await s.run('UPDATE mfa_devices SET user_id = NULL, enable_date = NULL WHERE serial_number = ?', row.serial_number)
  },
  async resyncMfaDevice(s, userName: string, serialNumber: string, sync: MfaSync) {
    const row = await assigned(s, userName, serialNumber)
    await s.run('UPDATE mfa_devices SET last_used_step = ?, drift_steps = ? WHERE serial_number = ?', sync.lastUsedStep, sync.driftSteps, row.serial_number)
  },
  async useMfaStep(s, serialNumber: string, step: number) {
    const row = await require(s, serialNumber)
    // One conditional UPDATE: two replicas offered the same code cannot both win.
    const n = await s.run('UPDATE mfa_devices SET last_used_step = ? WHERE serial_number = ? AND (last_used_step IS NULL OR last_used_step < ?)',
      step, row.serial_number, step)
    return n === 1
  },
  async deleteVirtualMfaDevice(s, serialNumber: string) {
    const row = await require(s, serialNumber, true)
    if (row.user_id !== null) throw mfaDeviceAssigned()
    await s.run('DELETE FROM mfa_devices WHERE serial_number = ?', row.serial_number)
    // Cached facts about it (ARN, tags) must not outlive it.
    s.bump()
  },
  async tagMfaDevice(s, serialNumber: string, tags: Tag[]) {
    const row = await require(s, serialNumber, true)
    await setTags(s, row, mergeTags(storedTags(row), tags, s.limits.tagsPerResource))
  },
  async untagMfaDevice(s, serialNumber: string, keys: string[]) {
    const row = await require(s, serialNumber, true)
    await setTags(s, row, removeTags(storedTags(row), keys))
  }
}
