import { DEFAULT_TRUST_PROFILE } from '../../contract/index.ts';
import type { Output } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { identityOf } from './details.ts';
import { domainOfPartnerType } from './domain.ts';
import { trustProfiles } from './trust.ts';

export type PartnerCertificateCard = Output<'partnerCertificate.list'>['cards'][number];

interface Row {
  partner_id: string;
  partner_type_code: string;
  name: string;
  is_active: number;
  approval_status: string;
  certificate_id: string | null;
  issued_to: string | null;
  issued_by: string | null;
  mosip_not_after: string | null;
  mosip_signed_der: Uint8Array | null;
  ca_not_after: string | null;
  uploaded_at: string | null;
  warnings: string | null;
}

const SELECT = `
  SELECT p.id AS partner_id, p.partner_type_code, p.name, p.is_active, p.approval_status,
         c.certificate_id, c.issued_to, c.issued_by, c.mosip_not_after, c.mosip_signed_der, c.ca_not_after, c.uploaded_at, c.warnings
  FROM partner p LEFT JOIN partner_certificate c ON c.partner_id = p.id`;

/** One card per partner id (pms.md §5.3), for the given partners in id order. */
export function certificateCards(
  db: ReadDb | WriteDb,
  partnerIds: readonly string[],
  now: Date,
): PartnerCertificateCard[] {
  if (partnerIds.length === 0) return [];
  const rows = db
    .prepare(`${SELECT} WHERE p.id IN (${partnerIds.map(() => '?').join(',')}) ORDER BY p.id`)
    .all(...partnerIds) as Row[];
  const profiles = trustProfiles(db);
  return rows.map((r) => ({
    partnerId: r.partner_id,
    partnerType: r.partner_type_code,
    partnerDomain: domainOfPartnerType(r.partner_type_code),
    orgName: r.name,
    partnerActive: r.is_active === 1,
    approvalStatus: r.approval_status,
    uploaded: r.certificate_id !== null,
    certificateId: r.certificate_id,
    issuedTo: r.issued_to,
    issuedBy: r.issued_by,
    // The copy is issued by the desk's signing CA and has its own validity (keymanager's one year).
    mosipIssuedBy: r.mosip_signed_der ? identityOf(r.mosip_signed_der).issuedBy : null,
    expiryDateTime: r.mosip_not_after,
    caSignedExpiryDateTime: r.ca_not_after,
    uploadedDateTime: r.uploaded_at,
    isExpired: r.mosip_not_after !== null && Date.parse(r.mosip_not_after) < now.getTime(),
    warnings: r.warnings ? (JSON.parse(r.warnings) as string[]) : [],
    profile: profiles.get(domainOfPartnerType(r.partner_type_code)) ?? DEFAULT_TRUST_PROFILE,
  }));
}
