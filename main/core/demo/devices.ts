import type { WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import { identityOf } from '../certificates/details.ts';
import {
  generateRsaKeys,
  issueCertificate,
  KeyUsage,
  serialFrom,
  subjectKeyIdOf,
} from '../../../lib/certificates/issuer.ts';
import type { CryptoKey } from '../../../lib/certificates/x509.ts';
import { x509 } from '../../../lib/certificates/x509.ts';

const DAY = 86_400_000;
const DP = 'sentinel-biometrics';
const DP_ORG = 'Sentinel Biometrics';
const FTM = 'securesilicon-ftm';
const FTM_ORG = 'SecureSilicon FTM';

/** Chip certificates issued by the demo FTM issuing CA (which itself expires in 20 days). */
export async function generateDemoChipCertificates(
  deps: CoreDeps,
  now: Date,
  issuer: { der: Uint8Array; key: CryptoKey },
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const caTill = new x509.X509Certificate(issuer.der).notAfter;
  for (const cn of ['SS-T1 chip', 'SS-T2 chip', 'SS-T0 chip']) {
    const keys = await generateRsaKeys();
    out.push(
      await issueCertificate({
        subject: `CN=${cn}, O=${FTM_ORG}`,
        issuer: {
          name: new x509.X509Certificate(issuer.der).subjectName.toArrayBuffer(),
          signingKey: issuer.key,
          subjectKeyId: subjectKeyIdOf(issuer.der),
        },
        publicKey: keys.publicKey,
        serialHex: serialFrom(deps.randomBytes(16)),
        notBefore: new Date(now.getTime() - 60 * DAY),
        notAfter: caTill,
        ca: false,
        keyUsages: KeyUsage.digitalSignature,
      }),
    );
  }
  return out;
}

/**
 * SBIs in every status (one expiring soon, one expired), devices in every status (one orphan) and
 * FTM chips with and without certificates, ending in MOSIP's "FTM activated".
 */
export function seedDemoDevices(
  db: WriteDb,
  now: Date,
  chipCerts: readonly Uint8Array[],
): { sbis: number; devices: number; ftmChips: number } {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const sbi = db.prepare(
    `INSERT INTO secure_biometric_interface (id, provider_id, partner_org_name, sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, approval_status, is_active, cr_by, created_at, upd_by, updated_at)
     VALUES (?, '${DP}', '${DP_ORG}', ?, ?, ?, ?, ?, ?, '${DP}', ?, ?, ?)`,
  );
  const SBIS: Array<[string, string, number, number, 'approved' | 'pending_approval' | 'rejected', number]> = [
    // id, version, created (days), expiry (days), approval, active
    ['demo-sbi-approved', '1.0.0', -200, 400, 'approved', 1],
    ['demo-sbi-expiring', '1.1.0', -330, 20, 'approved', 1],
    ['demo-sbi-expired', '0.9.0', -700, -10, 'approved', 1],
    ['demo-sbi-pending', '2.0.0-rc1', -5, 700, 'pending_approval', 0],
    ['demo-sbi-rejected', '0.5.0', -500, 300, 'rejected', 0],
    ['demo-sbi-deactivated', '0.8.0', -600, 200, 'approved', 0],
  ];
  SBIS.forEach(([id, version, cr, exp, status, active], i) => {
    const created = at(-60 + i * 5);
    sbi.run(
      id,
      `sha256:${id.replace(/-/g, '').padEnd(32, '0')}`,
      version,
      at(cr),
      at(exp),
      status,
      active,
      created,
      status === 'pending_approval' ? null : 'admin',
      created,
    );
  });
  const device = db.prepare(
    `INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, sbi_id, sbi_version, approval_status, is_active, cr_by, created_at, updated_at)
     VALUES (?, '${DP}', ?, ?, ?, ?, '${DP_ORG}', ?, (SELECT sw_version FROM secure_biometric_interface WHERE id = ?), ?, ?, '${DP}', ?, ?)`,
  );
  const DEVICES: Array<
    [string, string, string, string, string, string | null, 'approved' | 'pending_approval' | 'rejected', number]
  > = [
    ['demo-device-slap', 'Finger', 'Slap', 'Sentinel', 'SL-400', 'demo-sbi-approved', 'approved', 1],
    ['demo-device-iris', 'Iris', 'Double', 'Sentinel', 'IR-2', 'demo-sbi-approved', 'approved', 1],
    ['demo-device-face', 'Face', 'Full face', 'Sentinel', 'FC-1', 'demo-sbi-approved', 'pending_approval', 0],
    ['demo-device-rejected', 'Finger', 'Single', 'Sentinel', 'SG-1', 'demo-sbi-approved', 'rejected', 0],
    ['demo-device-expiring', 'Finger', 'Touchless', 'Sentinel', 'TL-9', 'demo-sbi-expiring', 'approved', 1],
    ['demo-device-expired', 'Iris', 'Single', 'Sentinel', 'IR-1', 'demo-sbi-expired', 'approved', 1],
    ['demo-device-old', 'Finger', 'Slap', 'Sentinel', 'SL-100', 'demo-sbi-deactivated', 'approved', 0],
    ['demo-device-orphan', 'Finger', 'Slap', 'Legacy', 'L-1', null, 'pending_approval', 0],
  ];
  DEVICES.forEach(([id, type, sub, make, model, sbiId, status, active], i) => {
    const created = at(-40 + i * 3);
    device.run(id, type, sub, make, model, sbiId, sbiId, status, active, created, created);
  });
  const chip = db.prepare(
    `INSERT INTO ftp_chip_detail (id, foundational_trust_provider_id, make, model, partner_org_name, approval_status, is_active, certificate_alias, certificate_der,
       cert_issued_to, cert_issued_by, cert_not_before, cert_not_after, cert_uploaded_at, cr_by, created_at, upd_by, updated_at)
     VALUES (?, '${FTM}', 'SecureSilicon', ?, '${FTM_ORG}', ?, ?, ?, ?, ?, ?, ?, ?, ?, '${FTM}', ?, ?, ?)`,
  );
  const CHIPS: Array<
    [string, string, 'approved' | 'pending_approval' | 'pending_cert_upload' | 'rejected', number, number | null]
  > = [
    ['demo-ftm-activated', 'SS-T1', 'approved', 1, 0],
    ['demo-ftm-pending', 'SS-T2', 'pending_approval', 0, 1],
    ['demo-ftm-no-cert', 'SS-T3', 'pending_cert_upload', 0, null],
    ['demo-ftm-rejected', 'SS-R1', 'rejected', 0, null],
    ['demo-ftm-deactivated', 'SS-T0', 'approved', 0, 2],
  ];
  CHIPS.forEach(([id, model, status, active, certIndex], i) => {
    const created = at(-50 + i * 4);
    const der = certIndex === null ? null : chipCerts[certIndex]!;
    const who = der ? identityOf(der) : null;
    chip.run(
      id,
      model,
      status,
      active,
      der ? `demo-cert-${id}` : null,
      der ? Buffer.from(der) : null,
      who?.issuedTo ?? null,
      who?.issuedBy ?? null,
      who?.notBefore ?? null,
      who?.notAfter ?? null,
      der ? at(-45 + i * 4) : null,
      created,
      status === 'pending_cert_upload' ? null : 'admin',
      created,
    );
  });
  return { sbis: SBIS.length, devices: DEVICES.length, ftmChips: CHIPS.length };
}
