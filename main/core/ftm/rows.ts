import { AppError } from '../../contract/index.ts';
import type { Output } from '../../contract/index.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';

export type FtmRowOut = Output<'ftm.list'>['data'][number];

export interface FtmDb {
  id: string;
  foundational_trust_provider_id: string;
  partner_org_name: string;
  make: string;
  model: string;
  approval_status: 'pending_cert_upload' | 'pending_approval' | 'approved' | 'rejected';
  is_active: number;
  status: FtmRowOut['status'];
  certificate_alias: string | null;
  cert_issued_to: string | null;
  cert_issued_by: string | null;
  cert_not_after: string | null;
  cert_uploaded_at: string | null;
  created_at: string;
  updated_at: string;
}

export const FTM_COLUMNS =
  'f.id, f.foundational_trust_provider_id, f.partner_org_name, f.make, f.model, f.approval_status, f.is_active, f.status, f.certificate_alias, f.cert_issued_to, f.cert_issued_by, f.cert_not_after, f.cert_uploaded_at, f.created_at, f.updated_at';

export function ftmRow(r: FtmDb, now: Date): FtmRowOut {
  return {
    ftmId: r.id,
    partnerId: r.foundational_trust_provider_id,
    orgName: r.partner_org_name,
    make: r.make,
    model: r.model,
    status: r.status,
    createdDateTime: r.created_at,
    isCertificateAvailable: r.certificate_alias !== null,
    certificateUploadDateTime: r.cert_uploaded_at,
    certificateExpiryDateTime: r.cert_not_after,
    isCertificateExpired: r.cert_not_after === null ? null : r.cert_not_after < now.toISOString(),
    certificateIssuedTo: r.cert_issued_to,
    certificateIssuedBy: r.cert_issued_by,
  };
}

export function findFtm(db: ReadDb | WriteDb, ftmId: string): FtmDb | undefined {
  return db.prepare(`SELECT ${FTM_COLUMNS} FROM ftp_chip_detail f WHERE f.id = ?`).get(ftmId) as FtmDb | undefined;
}

/** An FTM chip the caller may reach: its own, or any for the partner admin; others' "do not exist". */
export function ownFtm(db: ReadDb | WriteDb, actor: Actor, ftmId: string): FtmDb {
  const f = findFtm(db, ftmId);
  if (!f || (!actor.isAdmin && !actor.partnerIds.includes(f.foundational_trust_provider_id))) {
    throw new AppError('PMS_FTM_ERROR_005', 'This FTM chip does not exist.', {
      ftmId: 'PMS_FTM_ERROR_005',
    });
  }
  return f;
}
