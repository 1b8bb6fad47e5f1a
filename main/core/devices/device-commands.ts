import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { activeDeviceProvider, ownDevice, ownSbi, requireLiveSbi } from './access.ts';
import { deviceRow, findDevice, findSbi } from './rows.ts';

const LIVE = "(approval_status = 'pending_approval' OR (approval_status = 'approved' AND is_active = 1))";

export function addDevice(ctx: CommandCtx, input: ParsedInput<'devices.add'>) {
  const actor = requireActor(ctx.actor);
  const s = ownSbi(ctx.db, actor, input.sbiId);
  const partner = activeDeviceProvider(ctx.db, actor, s.provider_id);
  requireLiveSbi(s, ctx.now);
  if (
    !ctx.db
      .prepare('SELECT 1 FROM reg_device_sub_type WHERE dtype_code = ? AND code = ?')
      .get(input.deviceTypeCode, input.deviceSubTypeCode)
  ) {
    throw new AppError(
      'PMS_AUT_001',
      `"${input.deviceTypeCode} / ${input.deviceSubTypeCode}" is not a device type and subtype of the catalogue.`,
      { deviceSubTypeCode: 'PMS_AUT_001' },
    );
  }
  const dup = ctx.db
    .prepare(
      `SELECT 1 FROM device_detail WHERE dprovider_id = ? AND dtype_code = ? AND dstype_code = ? AND make = ? AND model = ? AND ${LIVE}`,
    )
    .get(partner.id, input.deviceTypeCode, input.deviceSubTypeCode, input.make, input.model);
  if (dup)
    throw new AppError('PMS_AUT_003', 'A device with this type, subtype, make and model already exists.', {
      model: 'PMS_AUT_003',
    });
  const id = randomUUID();
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, sbi_version, approval_status, is_active, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_approval', 0, ?, ?, ?)`,
    )
    .run(
      id,
      partner.id,
      input.deviceTypeCode,
      input.deviceSubTypeCode,
      input.make,
      input.model,
      partner.name,
      s.id,
      s.sw_version,
      actor.userId,
      time,
      time,
    );
  ctx.changed('devices', { partners: [partner.id] });
  return {
    output: deviceRow(findDevice(ctx.db, id)!),
    ref: { type: 'device' as const, id },
    outbox: {
      deviceId: id,
      sbiId: s.id,
      partnerId: partner.id,
      deviceTypeCode: input.deviceTypeCode,
      deviceSubTypeCode: input.deviceSubTypeCode,
      make: input.make,
      model: input.model,
    },
  };
}

/** Admin approval (pms.md §3.4): pending only; an orphan can only be rejected; approval needs a live SBI. */
export function decideDevice(ctx: CommandCtx, input: ParsedInput<'devices.decide'>) {
  const actor = requireActor(ctx.actor);
  const d = ownDevice(ctx.db, actor, input.deviceId);
  if (d.approval_status !== 'pending_approval')
    throw new AppError('PMS_DEVICE_ERROR_010', 'This device is not pending approval.');
  const approve = input.decision === 'approved';
  if (approve) {
    if (!d.sbi_id)
      throw new AppError(
        'PMS_DEVICE_ERROR_024',
        'This device is not associated with any SBI, so it can only be rejected.',
      );
    requireLiveSbi(findSbi(ctx.db, d.sbi_id)!, ctx.now);
  }
  ctx.db
    .prepare('UPDATE device_detail SET approval_status = ?, is_active = ?, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(approve ? 'approved' : 'rejected', approve ? 1 : 0, actor.userId, ctx.now.toISOString(), d.id);
  ctx.changed('devices', { partners: [d.dprovider_id] });
  return {
    output: deviceRow(findDevice(ctx.db, d.id)!),
    ref: { type: 'device' as const, id: d.id },
    outbox: { deviceId: d.id, sbiId: d.sbi_id, decision: input.decision },
  };
}

export function deactivateDevice(ctx: CommandCtx, input: ParsedInput<'devices.deactivate'>) {
  const actor = requireActor(ctx.actor);
  const d = ownDevice(ctx.db, actor, input.deviceId);
  if (d.approval_status !== 'approved')
    throw new AppError('PMS_DEVICE_ERROR_023', 'Only an approved device can be deactivated.');
  if (d.is_active !== 1) throw new AppError('PMS_DEVICE_ERROR_014', 'This device is already deactivated.');
  ctx.db
    .prepare('UPDATE device_detail SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(actor.userId, ctx.now.toISOString(), d.id);
  ctx.changed('devices', { partners: [d.dprovider_id] });
  return {
    output: deviceRow(findDevice(ctx.db, d.id)!),
    ref: { type: 'device' as const, id: d.id },
    outbox: { deviceId: d.id },
  };
}
