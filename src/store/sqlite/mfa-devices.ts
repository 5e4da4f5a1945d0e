import { decodeMarker, pageSize, toPage } from '../paging.js'
import { MFA_DEVICE_COLUMNS, mfaDeviceRecord, mfaSerialNumber, type MfaDeviceRow } from '../people-records.js'
import {
  mfaDeviceAssigned, mfaDeviceExists, mfaDeviceInUse, mfaDeviceNotAssigned, mfaDeviceNotFound, mfaDevicesExceeded
} from '../people-rules.js'
import type { CreateVirtualMfaDeviceInput, ListVirtualMfaDevicesRequest, MfaDeviceRecord, MfaSync } from '../people-types.js'
import type { MfaDeviceStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { Page, PageRequest, Tag } from '../types.js'
import { afterKey, insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'
import { userOps, userRow } from './users.js'

const SELECT = `SELECT ${MFA_DEVICE_COLUMNS} FROM mfa_devices`

const ASSIGNMENT: Record<NonNullable<ListVirtualMfaDevicesRequest['assignmentStatus']>, string> = {
  Any: '',
  Assigned: ' AND user_id IS NOT NULL',
  Unassigned: ' AND user_id IS NULL'
}

/** MfaDeviceStore over SQLite. */
export function mfaDeviceOps(ctx: SqliteContext): Sync<MfaDeviceStore> {
  const users = userOps(ctx)
  const find = (serial: string): MfaDeviceRow | undefined => ctx.get<MfaDeviceRow>(`${SELECT} WHERE lower(serial_number) = lower(?)`, serial)
  const require = (serial: string): MfaDeviceRow => {
    const row = find(serial)
    if (!row) throw mfaDeviceNotFound(serial)
    return row
  }
  const record = (row: MfaDeviceRow): MfaDeviceRecord =>
    mfaDeviceRecord(row, row.user_id === null ? undefined : users.getUserById(row.user_id))
  /** The device row, NotFound unless it is enabled for the user. */
  const assigned = (userName: string, serial: string): MfaDeviceRow => {
    const user = userRow(ctx, userName)
    const row = find(serial)
    if (!row || row.user_id !== user.id) throw mfaDeviceNotAssigned(serial, user.name)
    return row
  }
  const page = (where: string, params: string[], request: PageRequest | undefined): Page<MfaDeviceRecord> => {
    const size = pageSize(request)
    const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
    const key = afterKey('lower(serial_number)', after)
    const rows = ctx.all<MfaDeviceRow>(`${SELECT} WHERE 1 = 1${where}${key.sql} ORDER BY lower(serial_number) LIMIT ?`,
      ...params, ...key.params, size + 1)
    return toPage(rows, size, record, (r) => [r.sort_key])
  }
  const setTags = (row: MfaDeviceRow, tags: Tag[]): void => {
    ctx.run('UPDATE mfa_devices SET tags = ? WHERE serial_number = ?', JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value }))), row.serial_number)
    // Resource tags feed aws:ResourceTag conditions (cached per revision), so they change permissions.
    ctx.bump()
  }
  return {
    createVirtualMfaDevice(input: CreateVirtualMfaDeviceInput): MfaDeviceRecord {
      const path = input.path ?? '/'
      const serial = mfaSerialNumber(ctx.accountId(), path, input.name)
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      insertUnique(() => ctx.run(
        'INSERT INTO mfa_devices (serial_number, name, path, seed, create_date, tags) VALUES (?, ?, ?, ?, ?, ?)',
        serial, input.name, path, input.seedCiphertext, isoDate(), JSON.stringify(tags)
      ), mfaDeviceExists().message, 'mfa-device')
      return record(require(serial))
    },
    getMfaDevice(serialNumber: string): MfaDeviceRecord | undefined {
      const row = find(serialNumber)
      return row && record(row)
    },
    listVirtualMfaDevices(request?: ListVirtualMfaDevicesRequest): Page<MfaDeviceRecord> {
      return page(ASSIGNMENT[request?.assignmentStatus ?? 'Any'], [], request)
    },
    listMfaDevices(userName: string, request?: PageRequest): Page<MfaDeviceRecord> {
      return page(' AND user_id = ?', [userRow(ctx, userName).id], request)
    },
    enableMfaDevice(userName: string, serialNumber: string, sync: MfaSync): void {
      const user = userRow(ctx, userName)
      const row = require(serialNumber)
      if (row.user_id !== null) throw mfaDeviceInUse()
      const n = ctx.get<{ n: number }>('SELECT count(*) AS n FROM mfa_devices WHERE user_id = ?', user.id)?.n ?? 0
      if (n >= ctx.limits.mfaDevicesPerUser) throw mfaDevicesExceeded(ctx.limits.mfaDevicesPerUser)
      ctx.run('UPDATE mfa_devices SET user_id = ?, enable_date = ?, last_used_step = ?, drift_steps = ? WHERE serial_number = ?',
        user.id, isoDate(), sync.lastUsedStep, sync.driftSteps, row.serial_number)
    },
    deactivateMfaDevice(userName: string, serialNumber: string): void {
      const row = assigned(userName, serialNumber)
      ctx.run('UPDATE mfa_devices SET user_id = NULL, enable_date = NULL WHERE serial_number = ?', row.serial_number)
    },
    resyncMfaDevice(userName: string, serialNumber: string, sync: MfaSync): void {
      const row = assigned(userName, serialNumber)
      ctx.run('UPDATE mfa_devices SET last_used_step = ?, drift_steps = ? WHERE serial_number = ?', sync.lastUsedStep, sync.driftSteps, row.serial_number)
    },
    useMfaStep(serialNumber: string, step: number): boolean {
      const row = require(serialNumber)
      const res = ctx.run('UPDATE mfa_devices SET last_used_step = ? WHERE serial_number = ? AND (last_used_step IS NULL OR last_used_step < ?)',
        step, row.serial_number, step)
      return res.changes === 1
    },
    deleteVirtualMfaDevice(serialNumber: string): void {
      const row = require(serialNumber)
      if (row.user_id !== null) throw mfaDeviceAssigned()
      ctx.run('DELETE FROM mfa_devices WHERE serial_number = ?', row.serial_number)
      // Cached facts about it (ARN, tags) must not outlive it.
      ctx.bump()
    },
    tagMfaDevice(serialNumber: string, tags: Tag[]): void {
      const row = require(serialNumber)
      setTags(row, mergeTags(JSON.parse(row.tags as string) as Tag[], tags, ctx.limits.tagsPerResource))
    },
    untagMfaDevice(serialNumber: string, keys: string[]): void {
      const row = require(serialNumber)
      setTags(row, removeTags(JSON.parse(row.tags as string) as Tag[], keys))
    }
  }
}
