import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, CommandCtx, ReadDb, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { checkUploadedCertificate } from '../certificates/check.ts';
import { isActivePartner, loadPartner, ownPartner } from '../partners/access.ts';
import type { PartnerRow } from '../partners/access.ts';
import { findFtm, ftmRow, ownFtm } from './rows.ts';
import { newUuid } from '../ids.ts';

/** pms.md §3.5: only an approved and active FTM provider adds chips and uploads their certificates. */
function activeFtmProvider(db: ReadDb | WriteDb, actor: Actor, partnerId: string): PartnerRow {
  const p = ownPartner(db, actor, partnerId);
  if (p.partner_type_code !== 'FTM_Provider' || !isActivePartner(p))
    throw new AppError('PMP_AUT_030', `Partner "${p.id}" is not an active FTM provider.`, {
      partnerId: 'PMP_AUT_030',
    });
  return p;
}

export function createFtm(ctx: CommandCtx, input: ParsedInput<'ftm.create'>) {
  const actor = requireActor(ctx.actor);
  const p = activeFtmProvider(ctx.db, actor, input.partnerId);
  const dup = ctx.db
    .prepare(
      "SELECT 1 FROM ftp_chip_detail WHERE foundational_trust_provider_id = ? AND make = ? AND model = ? AND (approval_status IN ('pending_cert_upload', 'pending_approval') OR (approval_status = 'approved' AND is_active = 1))",
    )
    .get(p.id, input.make, input.model);
  if (dup)
    throw new AppError('PMP_AUT_032', 'FTM chip details already exist for this make and model.', {
      model: 'PMP_AUT_032',
    });
  const id = newUuid(ctx.deps);
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, approval_status, is_active, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending_cert_upload', 0, ?, ?, ?)`,
    )
    .run(id, p.id, input.make, input.model, p.name, actor.userId, time, time);
  ctx.changed('ftm', { partners: [p.id] });
  return {
    output: ftmRow(findFtm(ctx.db, id)!, ctx.now),
    ref: { type: 'ftm' as const, id },
    outbox: { ftmId: id, partnerId: p.id, make: input.make, model: input.model },
  };
}

/**
 * Chip certificate upload (pms.md §3.5): chip state first (PMP_AUT_039 / _038), then keymanager's
 * checks against the FTM domain of the trust store with the organisation check. Every upload puts
 * the chip back to pending approval; FTM certificates are not re-signed by MOSIP.
 */
export function uploadFtmCertificate(ctx: CommandCtx, input: ParsedInput<'ftm.uploadCertificate'>) {
  const actor = requireActor(ctx.actor);
  const f = ownFtm(ctx.db, actor, input.ftmId);
  const partner = loadPartner(ctx.db, f.foundational_trust_provider_id);
  if (!isActivePartner(partner)) throw new AppError('PMP_AUT_030', `Partner "${partner.id}" is not active.`);
  if (f.status === 'deactivated') throw new AppError('PMP_AUT_039', 'This FTM chip is deactivated.');
  if (f.status !== 'pending_cert_upload' && f.status !== 'approved')
    throw new AppError(
      'PMP_AUT_038',
      'A certificate can only be uploaded for a chip pending certificate upload or approved.',
    );
  const cert = checkUploadedCertificate(ctx.db, {
    contentBase64: input.contentBase64,
    domain: 'FTM',
    orgName: partner.name,
    minRemainingDays: ctx.deps.config.certificates.partnerMinRemainingDays,
    at: ctx.now,
  });
  const time = ctx.now.toISOString();
  const alias = newUuid(ctx.deps);
  ctx.db
    .prepare(
      `UPDATE ftp_chip_detail SET certificate_alias = ?, certificate_der = ?, cert_issued_to = ?, cert_issued_by = ?, cert_not_before = ?, cert_not_after = ?, cert_uploaded_at = ?,
         approval_status = 'pending_approval', is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      alias,
      Buffer.from(cert.der),
      cert.identity.issuedTo,
      cert.identity.issuedBy,
      cert.identity.notBefore,
      cert.identity.notAfter,
      time,
      actor.userId,
      time,
      f.id,
    );
  ctx.changed('ftm', { partners: [f.foundational_trust_provider_id] });
  return {
    output: ftmRow(findFtm(ctx.db, f.id)!, ctx.now),
    ref: { type: 'ftm' as const, id: f.id },
    outbox: {
      ftmId: f.id,
      certificateId: alias,
      reupload: f.certificate_alias !== null,
      certificateBase64: Buffer.from(cert.der).toString('base64'),
    },
  };
}

export function decideFtm(ctx: CommandCtx, input: ParsedInput<'ftm.decide'>) {
  const actor = requireActor(ctx.actor);
  const f = ownFtm(ctx.db, actor, input.ftmId);
  const approve = input.decision === 'approved';
  if (approve && f.certificate_alias === null)
    throw new AppError('PMP_AUT_033', 'The chip certificate has not been uploaded.');
  if (f.approval_status !== 'pending_approval')
    throw new AppError('PD_FTM_001', 'This FTM chip is not pending approval.');
  ctx.db
    .prepare('UPDATE ftp_chip_detail SET approval_status = ?, is_active = ?, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(approve ? 'approved' : 'rejected', approve ? 1 : 0, actor.userId, ctx.now.toISOString(), f.id);
  ctx.changed('ftm', { partners: [f.foundational_trust_provider_id] });
  return {
    output: ftmRow(findFtm(ctx.db, f.id)!, ctx.now),
    ref: { type: 'ftm' as const, id: f.id },
    outbox: { ftmId: f.id, decision: input.decision },
  };
}

export function deactivateFtm(ctx: CommandCtx, input: ParsedInput<'ftm.deactivate'>) {
  const actor = requireActor(ctx.actor);
  const f = ownFtm(ctx.db, actor, input.ftmId);
  if (f.status === 'deactivated') throw new AppError('PMS_FTM_ERROR_007', 'This FTM chip is already deactivated.');
  if (f.status !== 'approved') throw new AppError('PMS_FTM_ERROR_010', 'Only an approved FTM chip can be deactivated.');
  ctx.db
    .prepare('UPDATE ftp_chip_detail SET is_active = 0, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(actor.userId, ctx.now.toISOString(), f.id);
  ctx.changed('ftm', { partners: [f.foundational_trust_provider_id] });
  return {
    output: ftmRow(findFtm(ctx.db, f.id)!, ctx.now),
    ref: { type: 'ftm' as const, id: f.id },
    outbox: { ftmId: f.id },
  };
}
