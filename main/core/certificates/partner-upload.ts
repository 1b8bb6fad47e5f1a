import { AppError, PARTNER_TYPES } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { PartnerDomain } from '../../../lib/pki/index.ts';
import type { Actor, CommandCtx, QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { certificateCards } from './cards.ts';
import { checkUploadedCertificate } from './check.ts';
import { toPem } from './decode.ts';
import { identityOf } from './details.ts';
import type { Identity } from './details.ts';
import { domainOfPartnerType } from './domain.ts';
import { issueCertificate, KeyUsage, serialFrom } from '../../../lib/certificates/issuer.ts';
import { createSigningCa, loadSigningCa, storeSigningCa } from './signing-ca.ts';
import type { NewSigningCa } from './signing-ca.ts';
import { x509 } from '../../../lib/certificates/x509.ts';
import { newUuid } from '../ids.ts';
import { syncRole } from '../sync/node.ts';

const DAY_MS = 86_400_000;

interface PartnerRow {
  id: string;
  name: string;
  partner_type_code: string;
  approval_status: string;
  is_active: number;
  policy_group_id: string | null;
}

export interface PreparedUpload {
  partner: PartnerRow;
  domain: PartnerDomain;
  der: Uint8Array;
  identity: Identity;
  signedDer: Uint8Array;
  warnings: string[];
  newCa: NewSigningCa | null;
}

/** Caller owns the partner (or is the partner admin); the partner may take a certificate now. */
export function partnerForCertificate(
  db: QueryCtx['db'] | CommandCtx['db'],
  actor: Actor,
  partnerId: string,
): PartnerRow {
  const partner = db
    .prepare(
      'SELECT id, name, partner_type_code, approval_status, is_active, policy_group_id FROM partner WHERE id = ?',
    )
    .get(partnerId) as PartnerRow | undefined;
  if (!partner) throw new AppError('PMS_PRT_005', `Partner ${partnerId} does not exist.`);
  if (!actor.roles.includes('PARTNER_ADMIN') && !actor.partnerIds.includes(partnerId))
    throw new AppError('PMS_PRT_055', 'This partner does not belong to your account.');
  return partner;
}

function checkMayUpload(partner: PartnerRow): void {
  if (partner.approval_status !== 'InProgress' && partner.is_active !== 1)
    throw new AppError('PMS_PMP_016', `Partner ${partner.id} is not active.`);
  const type = PARTNER_TYPES.find((t) => t.code === partner.partner_type_code);
  if (type?.policyRequired && !partner.policy_group_id)
    throw new AppError('PMS_PRT_054', `Select a policy group for ${partner.id} before uploading its certificate.`);
}

/**
 * keymanager's partner-certificate checks in its order (pms.md §3.1): parsable, not future-dated,
 * currently valid, long enough, not self-signed, chains to the domain's trust store, v3,
 * O= equals the organisation name, RSA ≥ 2048, SHA-2. Then the MOSIP-signed copy is issued.
 */
export async function prepareUpload(
  ctx: QueryCtx,
  input: ParsedInput<'partnerCertificate.upload'>,
): Promise<PreparedUpload> {
  const actor = requireActor(ctx.actor);
  const partner = partnerForCertificate(ctx.db, actor, input.partnerId);
  checkMayUpload(partner);
  const domain = domainOfPartnerType(partner.partner_type_code);
  const { der, identity, warnings } = checkUploadedCertificate(ctx.db, {
    contentBase64: input.contentBase64,
    domain,
    orgName: partner.name,
    minRemainingDays: ctx.deps.config.certificates.partnerMinRemainingDays,
    at: ctx.now,
  });

  // The signing CA's key never leaves the server: a desk joined to one queues the upload and the
  // MOSIP-signed copy arrives with the server's row once the server has applied it.
  if (syncRole(ctx.db) === 'desk')
    return { partner, domain, der, identity, signedDer: new Uint8Array(0), warnings, newCa: null };
  let ca = await loadSigningCa(ctx.db, ctx.deps);
  let newCa: NewSigningCa | null = null;
  if (!ca) {
    newCa = await createSigningCa(ctx.deps, ctx.now, partner.name);
    ca = newCa.ca;
  }
  const cert = new x509.X509Certificate(der);
  const signedDer = await issueCertificate({
    subject: cert.subjectName.toArrayBuffer(),
    issuer: {
      name: new x509.X509Certificate(ca.certDer).subjectName.toArrayBuffer(),
      signingKey: ca.key,
      subjectKeyId: ca.subjectKeyId,
    },
    publicKey: cert.publicKey.rawData,
    serialHex: serialFrom(ctx.deps.randomBytes(16)),
    notBefore: ctx.now,
    notAfter: new Date(ctx.now.getTime() + ctx.deps.config.certificates.mosipSignedValidityDays * DAY_MS),
    ca: false,
    // keymanager adds key encipherment only for the AUTH domain
    keyUsages: KeyUsage.digitalSignature | (domain === 'AUTH' ? KeyUsage.keyEncipherment : 0),
  });
  return { partner, domain, der, identity, signedDer, warnings, newCa };
}

export function applyUpload(ctx: CommandCtx, prepared: PreparedUpload) {
  const actor = requireActor(ctx.actor);
  const partner = partnerForCertificate(ctx.db, actor, prepared.partner.id);
  checkMayUpload(partner);
  const time = ctx.now.toISOString();
  if (prepared.newCa && !storeSigningCa(ctx.db, prepared.newCa, time)) {
    throw new AppError('PD_INTERNAL', 'The signing CA was created at the same time by another action; upload again.');
  }
  const signed = prepared.signedDer.length > 0 ? identityOf(prepared.signedDer) : { notBefore: '', notAfter: '' };
  const existing = ctx.db
    .prepare('SELECT certificate_id FROM partner_certificate WHERE partner_id = ?')
    .get(partner.id) as { certificate_id: string } | undefined;
  const certificateId = newUuid(ctx.deps);
  ctx.db
    .prepare(
      `INSERT INTO partner_certificate (partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by,
         ca_not_before, ca_not_after, mosip_not_before, mosip_not_after, uploaded_at, uploaded_by, warnings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partner_id) DO UPDATE SET certificate_id = excluded.certificate_id, domain = excluded.domain, thumbprint = excluded.thumbprint,
         ca_signed_der = excluded.ca_signed_der, mosip_signed_der = excluded.mosip_signed_der, issued_to = excluded.issued_to, issued_by = excluded.issued_by,
         ca_not_before = excluded.ca_not_before, ca_not_after = excluded.ca_not_after, mosip_not_before = excluded.mosip_not_before,
         mosip_not_after = excluded.mosip_not_after, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by, warnings = excluded.warnings`,
    )
    .run(
      partner.id,
      certificateId,
      prepared.domain,
      prepared.identity.thumbprint,
      Buffer.from(prepared.der),
      Buffer.from(prepared.signedDer),
      prepared.identity.issuedTo,
      prepared.identity.issuedBy,
      prepared.identity.notBefore,
      prepared.identity.notAfter,
      signed.notBefore,
      signed.notAfter,
      time,
      actor.userId,
      JSON.stringify(prepared.warnings),
    );
  // MOSIP: the first successful upload approves and activates the partner; a re-upload keeps its state.
  ctx.db
    .prepare(
      `UPDATE partner SET certificate_alias = ?, updated_at = ?, approval_status = CASE WHEN approval_status = 'InProgress' THEN 'approved' ELSE approval_status END,
              is_active = CASE WHEN approval_status = 'InProgress' THEN 1 ELSE is_active END WHERE id = ?`,
    )
    .run(certificateId, time, partner.id);
  ctx.changed('partners', { partners: [partner.id] });
  const card = certificateCards(ctx.db, [partner.id], ctx.now)[0]!;
  const signedPem = prepared.signedDer.length > 0 ? toPem(prepared.signedDer) : '';
  return {
    output: { card, signedCertificatePem: signedPem },
    ref: { type: 'partner_certificate' as const, id: partner.id },
    outbox: {
      partnerId: partner.id,
      reupload: existing !== undefined,
      certificatePem: toPem(prepared.der),
      mosipSignedPem: signedPem,
    },
  };
}
