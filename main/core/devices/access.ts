import { AppError } from '../../contract/index.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';
import { isActivePartner, ownPartner } from '../partners/access.ts';
import type { PartnerRow } from '../partners/access.ts';
import { findDevice, findSbi, isExpired } from './rows.ts';
import type { DeviceDb, SbiDb } from './rows.ts';

/** The partner may add SBIs and devices: the caller's own (or any, for the admin), an approved and active device provider (PMS_AUT_002). */
export function activeDeviceProvider(db: ReadDb | WriteDb, actor: Actor, partnerId: string): PartnerRow {
  const p = ownPartner(db, actor, partnerId);
  if (p.partner_type_code !== 'Device_Provider' || !isActivePartner(p)) {
    throw new AppError('PMS_AUT_002', `Partner "${p.id}" is not an active device provider.`, {
      partnerId: 'PMS_AUT_002',
    });
  }
  return p;
}

/**
 * An SBI the caller may see: its own, or any for the partner admin. Another provider's SBI gets
 * the same answer as one that does not exist, so ids cannot be probed across accounts.
 */
export function ownSbi(db: ReadDb | WriteDb, actor: Actor, sbiId: string): SbiDb {
  const s = findSbi(db, sbiId);
  if (!s || (!actor.isAdmin && !actor.partnerIds.includes(s.provider_id)))
    throw new AppError('PMS_DEVICE_ERROR_005', 'This SBI does not exist.', {
      sbiId: 'PMS_DEVICE_ERROR_005',
    });
  return s;
}

/** A device the caller may see; another provider's answers as "does not exist", like ownSbi. */
export function ownDevice(db: ReadDb | WriteDb, actor: Actor, deviceId: string): DeviceDb {
  const d = findDevice(db, deviceId);
  if (!d || (!actor.isAdmin && !actor.partnerIds.includes(d.dprovider_id)))
    throw new AppError('PMS_DEVICE_ERROR_006', 'This device does not exist.', {
      deviceId: 'PMS_DEVICE_ERROR_006',
    });
  return d;
}

/**
 * Devices may be added to or approved under an SBI only while it is approved, active and not
 * expired (pms.md §3.4) — checked against the clock, so an expired SBI refuses before the job ran.
 */
export function requireLiveSbi(s: SbiDb, now: Date): void {
  if (s.approval_status === 'pending_approval')
    throw new AppError('PMS_DEVICE_ERROR_009', 'The SBI is not approved yet.');
  if (s.approval_status === 'rejected') throw new AppError('PMS_DEVICE_ERROR_028', 'The SBI was rejected.');
  if (s.is_active !== 1) throw new AppError('PMS_DEVICE_ERROR_029', 'The SBI is deactivated.');
  if (isExpired(s.sw_expiry_dtimes, now))
    throw new AppError('PMS_DEVICE_ERROR_021', `The SBI expired on ${s.sw_expiry_dtimes}.`);
}
