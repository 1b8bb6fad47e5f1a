import { randomUUID } from 'node:crypto';
import type { PartnerDomain } from '../../../lib/pki/index.ts';
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
import { createSigningCa, storeSigningCa } from '../certificates/signing-ca.ts';
import type { NewSigningCa } from '../certificates/signing-ca.ts';
import type { CryptoKey } from '../../../lib/certificates/x509.ts';
import { x509 } from '../../../lib/certificates/x509.ts';

const DAY = 86_400_000;

/** Demo partners that hold a certificate, with how long ago it was uploaded (days). */
const HOLDERS: ReadonlyArray<{
  id: string;
  org: string;
  domain: PartnerDomain;
  uploadedDaysAgo: number;
}> = [
  {
    id: 'aurora-identity-services',
    org: 'Aurora Identity Services',
    domain: 'AUTH',
    uploadedDaysAgo: 20,
  },
  {
    id: 'nile-credential-bureau',
    org: 'Nile Credential Bureau',
    domain: 'AUTH',
    uploadedDaysAgo: 350,
  }, // MOSIP-signed copy expires in 15 days
  { id: 'sentinel-biometrics', org: 'Sentinel Biometrics', domain: 'DEVICE', uploadedDaysAgo: 60 },
  { id: 'securesilicon-ftm', org: 'SecureSilicon FTM', domain: 'FTM', uploadedDaysAgo: 400 }, // expired
  {
    id: 'printworks-civic-cards',
    org: 'PrintWorks Civic Cards',
    domain: 'AUTH',
    uploadedDaysAgo: 100,
  },
];

interface CaRow {
  domain: PartnerDomain;
  type: 'ROOT' | 'INTERMEDIATE';
  der: Uint8Array;
  uploadedAt: Date;
}
interface PartnerCertRow {
  partnerId: string;
  domain: PartnerDomain;
  caSigned: Uint8Array;
  mosipSigned: Uint8Array;
  uploadedAt: Date;
}
export interface DemoPki {
  signingCa: NewSigningCa;
  cas: CaRow[];
  partnerCerts: PartnerCertRow[];
  /** The FTM issuing CA, for the demo chip certificates (main/core/demo/devices.ts). */
  ftmIssuer: { der: Uint8Array; key: CryptoKey };
  /** The AUTH issuing CA, for the demo desk's authentication-partner certificate (main/core/demo/ida.ts). */
  authIssuer: { der: Uint8Array; key: CryptoKey };
}

async function ca(deps: CoreDeps, subject: string, from: Date, to: Date, issuer?: { der: Uint8Array; key: CryptoKey }) {
  const keys = await generateRsaKeys();
  const der = await issueCertificate({
    subject,
    issuer: issuer
      ? {
          name: new x509.X509Certificate(issuer.der).subjectName.toArrayBuffer(),
          signingKey: issuer.key,
          subjectKeyId: subjectKeyIdOf(issuer.der),
        }
      : 'self',
    signingKey: keys.privateKey,
    publicKey: keys.publicKey,
    serialHex: serialFrom(deps.randomBytes(16)),
    notBefore: from,
    notAfter: to,
    ca: true,
    keyUsages: KeyUsage.keyCertSign | KeyUsage.cRLSign,
  });
  return { der, key: keys.privateKey };
}

/**
 * A generated PKI per partner domain (root → issuing CA; the FTM issuing CA close to expiry),
 * certificates for the onboarded demo partners issued by it, and their MOSIP-signed copies.
 * Keys exist only in memory while the dataset is made; nothing here is a real party's key.
 */
export async function generateDemoPki(deps: CoreDeps, now: Date): Promise<DemoPki> {
  const t = now.getTime();
  const signingCa = await createSigningCa(deps, new Date(t - 420 * DAY), 'Partner Desk Demo Office');
  const cas: CaRow[] = [];
  const issuing = new Map<PartnerDomain, { der: Uint8Array; key: CryptoKey }>();
  // MISP too: a MISP partner's certificate chains in the MISP domain (certificates/domain.ts).
  for (const domain of ['AUTH', 'DEVICE', 'FTM', 'MISP'] as const) {
    const root = await ca(
      deps,
      `CN=Demo ${domain} Root CA, O=Demo Registry`,
      new Date(t - 800 * DAY),
      new Date(t + 3650 * DAY),
    );
    const issuingTill = domain === 'FTM' ? new Date(t + 20 * DAY) : new Date(t + 1825 * DAY);
    const mid = await ca(
      deps,
      `CN=Demo ${domain} Issuing CA, O=Demo Registry`,
      new Date(t - 700 * DAY),
      issuingTill,
      root,
    );
    cas.push(
      { domain, type: 'ROOT', der: root.der, uploadedAt: new Date(t - 450 * DAY) },
      { domain, type: 'INTERMEDIATE', der: mid.der, uploadedAt: new Date(t - 440 * DAY) },
    );
    issuing.set(domain, mid);
  }
  const signer = {
    name: new x509.X509Certificate(signingCa.ca.certDer).subjectName.toArrayBuffer(),
    signingKey: signingCa.ca.key,
    subjectKeyId: signingCa.ca.subjectKeyId,
  };
  const partnerCerts: PartnerCertRow[] = [];
  for (const h of HOLDERS) {
    const keys = await generateRsaKeys();
    const uploadedAt = new Date(t - h.uploadedDaysAgo * DAY);
    const mid = issuing.get(h.domain)!;
    const subject = `CN=${h.id}, O=${h.org}`;
    const caSigned = await issueCertificate({
      subject,
      issuer: {
        name: new x509.X509Certificate(mid.der).subjectName.toArrayBuffer(),
        signingKey: mid.key,
        subjectKeyId: subjectKeyIdOf(mid.der),
      },
      publicKey: keys.publicKey,
      serialHex: serialFrom(deps.randomBytes(16)),
      notBefore: new Date(uploadedAt.getTime() - 5 * DAY),
      notAfter: new Date(uploadedAt.getTime() + 730 * DAY),
      ca: false,
      keyUsages: KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
    });
    const mosipSigned = await issueCertificate({
      subject,
      issuer: signer,
      publicKey: keys.publicKey,
      serialHex: serialFrom(deps.randomBytes(16)),
      notBefore: uploadedAt,
      notAfter: new Date(uploadedAt.getTime() + 365 * DAY),
      ca: false,
      keyUsages: KeyUsage.digitalSignature | (h.domain === 'AUTH' ? KeyUsage.keyEncipherment : 0),
    });
    partnerCerts.push({ partnerId: h.id, domain: h.domain, caSigned, mosipSigned, uploadedAt });
  }
  return {
    signingCa,
    cas,
    partnerCerts,
    ftmIssuer: issuing.get('FTM')!,
    authIssuer: issuing.get('AUTH')!,
  };
}

export function seedDemoPki(db: WriteDb, pki: DemoPki, now: Date): void {
  storeSigningCa(db, pki.signingCa, new Date(now.getTime() - 420 * DAY).toISOString());
  const insertCa = db.prepare(
    `INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'admin')`,
  );
  for (const c of pki.cas) {
    const who = identityOf(c.der);
    insertCa.run(
      randomUUID(),
      c.domain,
      c.type,
      who.thumbprint,
      Buffer.from(c.der),
      who.subject,
      who.issuer,
      who.issuedTo,
      who.issuedBy,
      who.serialNumber,
      who.notBefore,
      who.notAfter,
      c.uploadedAt.toISOString(),
    );
  }
  const insertCert = db.prepare(
    `INSERT INTO partner_certificate (partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by, ca_not_before, ca_not_after, mosip_not_before, mosip_not_after, uploaded_at, uploaded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const alias = db.prepare('UPDATE partner SET certificate_alias = ? WHERE id = ?');
  for (const p of pki.partnerCerts) {
    const orig = identityOf(p.caSigned);
    const signed = identityOf(p.mosipSigned);
    const id = randomUUID();
    insertCert.run(
      p.partnerId,
      id,
      p.domain,
      orig.thumbprint,
      Buffer.from(p.caSigned),
      Buffer.from(p.mosipSigned),
      orig.issuedTo,
      orig.issuedBy,
      orig.notBefore,
      orig.notAfter,
      signed.notBefore,
      signed.notAfter,
      p.uploadedAt.toISOString(),
      p.partnerId,
    );
    alias.run(id, p.partnerId);
  }
}
