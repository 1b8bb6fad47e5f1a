import type { Output } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

export type SbiRowOut = Output<'sbis.get'>;
export type DeviceRowOut = Output<'devices.list'>['data'][number];
type Status = DeviceRowOut['status'];

export interface SbiDb {
  id: string;
  provider_id: string;
  partner_org_name: string;
  sw_binary_hash: string;
  sw_version: string;
  sw_cr_dtimes: string;
  sw_expiry_dtimes: string;
  approval_status: 'pending_approval' | 'approved' | 'rejected';
  is_active: number;
  status: Status;
  created_at: string;
  upd_by: string | null;
  updated_at: string;
}

export interface DeviceDb {
  id: string;
  dprovider_id: string;
  partner_org_name: string;
  sbi_id: string | null;
  sbi_version: string | null;
  dtype_code: string;
  dstype_code: string;
  make: string;
  model: string;
  approval_status: 'pending_approval' | 'approved' | 'rejected';
  is_active: number;
  status: Status;
  created_at: string;
  updated_at: string;
}

export const SBI_COLUMNS =
  's.id, s.provider_id, s.partner_org_name, s.sw_binary_hash, s.sw_version, s.sw_cr_dtimes, s.sw_expiry_dtimes, s.approval_status, s.is_active, s.status, s.created_at, s.upd_by, s.updated_at';
export const DEVICE_COLUMNS =
  'd.id, d.dprovider_id, d.partner_org_name, d.sbi_id, d.sbi_version, d.dtype_code, d.dstype_code, d.make, d.model, d.approval_status, d.is_active, d.status, d.created_at, d.updated_at';

/** MOSIP: expired once the expiry date-time has passed (pms.md §1.7 sbiExpiryStatus). */
export const isExpired = (expiry: string, now: Date): boolean => expiry < now.toISOString();

/** Device counts per SBI for a page of SBIs (one grouped read of their devices through device_sbi_created). */
export function deviceCounts(
  db: ReadDb | WriteDb,
  sbiIds: readonly string[],
): Map<string, { all: number; approved: number; pending: number }> {
  const out = new Map<string, { all: number; approved: number; pending: number }>();
  for (const id of sbiIds) out.set(id, { all: 0, approved: 0, pending: 0 });
  if (sbiIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT sbi_id, status, COUNT(*) AS n FROM device_detail WHERE sbi_id IN (${sbiIds.map(() => '?').join(',')}) GROUP BY sbi_id, status`,
    )
    .all(...sbiIds) as Array<{ sbi_id: string; status: Status; n: number }>;
  for (const r of rows) {
    const c = out.get(r.sbi_id)!;
    c.all += r.n;
    if (r.status === 'approved') c.approved += r.n;
    if (r.status === 'pending_approval') c.pending += r.n;
  }
  return out;
}

export function sbiRows(db: ReadDb | WriteDb, rows: readonly SbiDb[], now: Date): SbiRowOut[] {
  const counts = deviceCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const c = counts.get(r.id)!;
    const expired = isExpired(r.sw_expiry_dtimes, now);
    return {
      sbiId: r.id,
      partnerId: r.provider_id,
      orgName: r.partner_org_name,
      sbiVersion: r.sw_version,
      binaryHash: r.sw_binary_hash,
      sbiCreatedDateTime: r.sw_cr_dtimes,
      sbiExpiryDateTime: r.sw_expiry_dtimes,
      sbiExpiryStatus: expired ? 'expired' : 'valid',
      status: r.status,
      createdDateTime: r.created_at,
      countOfAssociatedDevices: c.all,
      countOfApprovedDevices: c.approved,
      countOfPendingDevices: c.pending,
      canAddDevices: r.status === 'approved' && !expired,
      updatedDateTime: r.updated_at,
      updatedBy: r.upd_by,
    };
  });
}

export function deviceRow(r: DeviceDb): DeviceRowOut {
  return {
    deviceId: r.id,
    partnerId: r.dprovider_id,
    orgName: r.partner_org_name,
    sbiId: r.sbi_id,
    sbiVersion: r.sbi_version,
    deviceTypeCode: r.dtype_code,
    deviceSubTypeCode: r.dstype_code,
    make: r.make,
    model: r.model,
    status: r.status,
    createdDateTime: r.created_at,
    isOrphan: r.sbi_id === null,
  };
}

export function findSbi(db: ReadDb | WriteDb, sbiId: string): SbiDb | undefined {
  return db.prepare(`SELECT ${SBI_COLUMNS} FROM secure_biometric_interface s WHERE s.id = ?`).get(sbiId) as
    SbiDb | undefined;
}

export function findDevice(db: ReadDb | WriteDb, deviceId: string): DeviceDb | undefined {
  return db.prepare(`SELECT ${DEVICE_COLUMNS} FROM device_detail d WHERE d.id = ?`).get(deviceId) as
    DeviceDb | undefined;
}
