import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { activeDeviceProvider, ownSbi } from './access.ts';
import { cascadeDevices, expireSbisSql } from './cascade.ts';
import { findSbi, isExpired, sbiRows } from './rows.ts';
import { addYears } from '../calendar.ts';

/** A YYYY-MM-DD or ISO date-time input as an ISO instant (UTC when no zone is given). */
export function instantOf(value: string, field: string): string {
  const withZone = /T/.test(value) && !/(Z|[+-]\d{2}:\d{2})$/.test(value) ? `${value}Z` : value;
  const d = new Date(withZone);
  if (Number.isNaN(d.getTime()) || (!/T/.test(value) && d.toISOString().slice(0, 10) !== value)) {
    throw new AppError('PMS_COR_002', `${field} is not a valid date.`, { [field]: 'invalid date' });
  }
  return d.toISOString();
}

/** MOSIP's SBI date rules (pms.md §3.4), compared as calendar days in UTC as MOSIP does. */
function checkSbiDates(ctx: CommandCtx, created: string, expiry: string): void {
  const today = ctx.now.toISOString().slice(0, 10);
  const { sbiCreatedDateMaxYears, sbiExpiryDateMaxYears } = ctx.deps.config.devices;
  if (created.slice(0, 10) > today)
    throw new AppError('PMS_AUT_514', 'The created date must not be after today.', {
      sbiCreatedDateTime: 'PMS_AUT_514',
    });
  if (created < addYears(ctx.now, -sbiCreatedDateMaxYears).toISOString()) {
    throw new AppError('PMS_AUT_516', `The created date must be within the last ${sbiCreatedDateMaxYears} years.`, {
      sbiCreatedDateTime: 'PMS_AUT_516',
    });
  }
  if (expiry.slice(0, 10) <= today)
    throw new AppError('PMS_AUT_508', 'The expiry date must be after today.', {
      sbiExpiryDateTime: 'PMS_AUT_508',
    });
  if (expiry > addYears(ctx.now, sbiExpiryDateMaxYears).toISOString()) {
    throw new AppError('PMS_AUT_515', `The expiry date must be within ${sbiExpiryDateMaxYears} years from today.`, {
      sbiExpiryDateTime: 'PMS_AUT_515',
    });
  }
}

export function createSbi(ctx: CommandCtx, input: ParsedInput<'sbis.create'>) {
  const actor = requireActor(ctx.actor);
  const partner = activeDeviceProvider(ctx.db, actor, input.partnerId);
  const version = input.sbiVersion.trim();
  if (
    ctx.db
      .prepare('SELECT 1 FROM secure_biometric_interface WHERE provider_id = ? AND sw_version = ?')
      .get(partner.id, version)
  ) {
    throw new AppError('PMS_AUT_512', `SBI version "${version}" already exists for ${partner.id}.`, {
      sbiVersion: 'PMS_AUT_512',
    });
  }
  const created = instantOf(input.sbiCreatedDateTime, 'sbiCreatedDateTime');
  const expiry = instantOf(input.sbiExpiryDateTime, 'sbiExpiryDateTime');
  checkSbiDates(ctx, created, expiry);
  const id = randomUUID();
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending_approval', 0, ?, ?, ?)`,
    )
    .run(id, partner.id, partner.name, input.binaryHash, version, created, expiry, actor.userId, time, time);
  ctx.changed('devices', { partners: [partner.id] });
  const row = sbiRows(ctx.db, [findSbi(ctx.db, id)!], ctx.now)[0]!;
  return {
    output: row,
    ref: { type: 'sbi' as const, id },
    outbox: {
      sbiId: id,
      partnerId: partner.id,
      sbiVersion: version,
      binaryHash: input.binaryHash,
      sbiCreatedDateTime: created,
      sbiExpiryDateTime: expiry,
    },
  };
}

export function decideSbi(ctx: CommandCtx, input: ParsedInput<'sbis.decide'>) {
  const actor = requireActor(ctx.actor);
  const s = ownSbi(ctx.db, actor, input.sbiId);
  if (s.approval_status === 'approved') throw new AppError('PMS_AUT_517', 'This SBI is already approved.');
  if (s.approval_status === 'rejected') throw new AppError('PMS_AUT_518', 'This SBI is already rejected.');
  if (input.decision === 'approved' && isExpired(s.sw_expiry_dtimes, ctx.now))
    throw new AppError('PMS_DEVICE_ERROR_021', `The SBI expired on ${s.sw_expiry_dtimes}.`);
  const approve = input.decision === 'approved';
  ctx.db
    .prepare(
      'UPDATE secure_biometric_interface SET approval_status = ?, is_active = ?, upd_by = ?, updated_at = ? WHERE id = ?',
    )
    .run(approve ? 'approved' : 'rejected', approve ? 1 : 0, actor.userId, ctx.now.toISOString(), s.id);
  ctx.changed('devices', { partners: [s.provider_id] });
  return {
    output: sbiRows(ctx.db, [findSbi(ctx.db, s.id)!], ctx.now)[0]!,
    ref: { type: 'sbi' as const, id: s.id },
    outbox: { sbiId: s.id, decision: input.decision },
  };
}

export function deactivateSbi(ctx: CommandCtx, input: ParsedInput<'sbis.deactivate'>) {
  const actor = requireActor(ctx.actor);
  const s = ownSbi(ctx.db, actor, input.sbiId);
  if (s.approval_status !== 'approved')
    throw new AppError('PMS_DEVICE_ERROR_022', 'Only an approved SBI can be deactivated.');
  if (s.is_active !== 1) throw new AppError('PMS_DEVICE_ERROR_020', 'This SBI is already deactivated.');
  const time = ctx.now.toISOString();
  const counts = cascadeDevices(ctx.db, { sql: 'SELECT ?', params: [s.id] }, actor.userId, time);
  ctx.db
    .prepare('UPDATE secure_biometric_interface SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(actor.userId, time, s.id);
  ctx.changed('devices', { partners: [s.provider_id] });
  return {
    output: { ...counts, sbi: sbiRows(ctx.db, [findSbi(ctx.db, s.id)!], ctx.now)[0]! },
    ref: { type: 'sbi' as const, id: s.id },
    outbox: { sbiId: s.id, ...counts },
  };
}

export function expireDueSbis(ctx: CommandCtx) {
  const r = expireSbisSql(ctx.db, ctx.now);
  if (r.counts.sbisDeactivated + r.counts.sbisRejected > 0) {
    const providers = ctx.db
      .prepare(
        'SELECT DISTINCT provider_id AS id FROM secure_biometric_interface WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify([...r.deactivatedIds, ...r.rejectedIds])) as Array<{ id: string }>;
    ctx.changed('devices', { partners: providers.map((p) => p.id) });
  }
  const any = r.deactivatedIds.length + r.rejectedIds.length > 0;
  return {
    output: r.counts,
    ref: { type: 'job' as const, id: 'sbis.expireDue' },
    outbox: any ? { deactivatedSbiIds: r.deactivatedIds, rejectedSbiIds: r.rejectedIds } : false,
  };
}
