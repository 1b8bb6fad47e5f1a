/**
 * The ID authentication part of the demo (issue 16): the service's keys; enrolled identities whose
 * biometrics are the virtual SBI's Auth samples (so a capture of the virtual device matches), and
 * one whose records come from the Registration samples (so nothing the virtual device captures
 * matches him); a demo desk partner "Demo Registration Office" — an approved, active Auth partner
 * with an approved policy that allows e-KYC and bio, an API key and an AUTH certificate — and this
 * desk's IDA client pointed at the host's own service with those credentials and a MISP licence.
 * Nothing here is a real party's key or a real person's data.
 */
import { createPrivateKey } from 'node:crypto';
import type { WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import { insertPartner, insertUser } from '../accounts/users.ts';
import { hashApiKey, newApiKey } from '../auth-services/api-keys.ts';
import { identityOf } from '../certificates/details.ts';
import {
  exportPkcs8,
  generateRsaKeys,
  issueCertificate,
  KeyUsage,
  serialFrom,
  subjectKeyIdOf,
} from '../../../lib/certificates/issuer.ts';
import { x509 } from '../../../lib/certificates/x509.ts';
import { storeIdaClientSettings } from '../ida/config.ts';
import { makeServiceKeys, storeServiceKeys } from '../id-service/keys.ts';
import type { NewServiceKey } from '../id-service/keys.ts';
import { storeIdentity } from '../id-service/identities.ts';
import type { EnrolIdentity } from '../id-service/identities.ts';
import { validatePolicy, schemaUrl } from '../policies/schemas.ts';
import type { DemoPki } from './pki.ts';

const DAY = 86_400_000;
export const DEMO_DESK_PARTNER = 'demo-registration-office';
export const DEMO_KYC_POLICY = 'demo-pol-assisted-kyc';
const MISP_PARTNER = 'kiosk-misp-networks';

/** Who the demo service knows; the first two match the virtual device, the third never does. */
export const DEMO_IDA_PEOPLE = [
  {
    individualId: '5012345674',
    samples: 'Auth',
    claims: {
      fullName: 'Amina Diallo',
      dateOfBirth: '1990/04/12',
      gender: 'Female',
      phone: '+221771234567',
      email: 'amina.diallo@example.org',
      addressLine1: '12 Rue des Baobabs',
      city: 'Dakar',
    },
  },
  {
    individualId: '5087654328',
    samples: 'Auth',
    claims: {
      fullName: 'Karim Benali',
      dateOfBirth: '1985/11/03',
      gender: 'Male',
      phone: '+212612345678',
      email: 'karim.benali@example.org',
      addressLine1: '4 Avenue Hassan II',
      city: 'Rabat',
    },
  },
  {
    individualId: '5099999993',
    samples: 'Registration',
    claims: {
      fullName: 'Yusuf Okafor',
      dateOfBirth: '1979/02/28',
      gender: 'Male',
      phone: '+2348031234567',
      email: 'yusuf.okafor@example.org',
      addressLine1: '7 Marina Road',
      city: 'Lagos',
    },
  },
] as const;

export interface DemoIda {
  serviceKeys: NewServiceKey[];
  desk: { caSigned: Uint8Array; mosipSigned: Uint8Array; pkcs8: Uint8Array };
  apiKey: string;
  mispLicenseKey: string;
  identities: EnrolIdentity[];
}

function demoIdentities(now: Date, deps: CoreDeps): EnrolIdentity[] {
  const people = DEMO_IDA_PEOPLE.map((p) => ({
    p,
    biometrics: deps.hardware.virtualSampleRecords(p.samples, now),
  }));
  if (people.some((x) => x.biometrics === null)) {
    deps.log('warn', 'demo: no biometric samples; the ID service has no enrolled identities');
    return [];
  }
  return people.map(({ p, biometrics }) => ({
    individualId: p.individualId,
    individualIdType: 'UIN' as const,
    demographics: { ...p.claims },
    biometrics: biometrics!,
  }));
}

/** Keys, certificates and records (async, before the demo's transaction). */
export async function generateDemoIda(deps: CoreDeps, now: Date, pki: DemoPki): Promise<DemoIda> {
  const uploadedAt = new Date(now.getTime() - 15 * DAY);
  const keys = await generateRsaKeys();
  const subject = `CN=${DEMO_DESK_PARTNER}, O=Demo Registration Office`;
  const caSigned = await issueCertificate({
    subject,
    issuer: {
      name: new x509.X509Certificate(pki.authIssuer.der).subjectName.toArrayBuffer(),
      signingKey: pki.authIssuer.key,
      subjectKeyId: subjectKeyIdOf(pki.authIssuer.der),
    },
    publicKey: keys.publicKey,
    serialHex: serialFrom(deps.randomBytes(16)),
    notBefore: new Date(uploadedAt.getTime() - 5 * DAY),
    notAfter: new Date(uploadedAt.getTime() + 730 * DAY),
    ca: false,
    keyUsages: KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
  });
  const signer = {
    name: new x509.X509Certificate(pki.signingCa.ca.certDer).subjectName.toArrayBuffer(),
    signingKey: pki.signingCa.ca.key,
    subjectKeyId: pki.signingCa.ca.subjectKeyId,
  };
  const mosipSigned = await issueCertificate({
    subject,
    issuer: signer,
    publicKey: keys.publicKey,
    serialHex: serialFrom(deps.randomBytes(16)),
    notBefore: uploadedAt,
    notAfter: new Date(uploadedAt.getTime() + 365 * DAY),
    ca: false,
    keyUsages: KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
  });
  return {
    serviceKeys: await makeServiceKeys(deps, now),
    desk: { caSigned, mosipSigned, pkcs8: await exportPkcs8(keys.privateKey) },
    apiKey: newApiKey(deps.randomBytes),
    mispLicenseKey: newApiKey(deps.randomBytes),
    identities: demoIdentities(now, deps),
  };
}

const AUTH_POLICY = JSON.stringify({
  authTokenType: 'partner',
  allowedKycAttributes: ['fullName', 'dateOfBirth', 'gender', 'phone', 'email', 'addressLine1', 'city'].map(
    (attributeName) => ({ attributeName }),
  ),
  allowedAuthTypes: [
    { authType: 'kyc', authSubType: '', mandatory: false },
    { authType: 'bio', authSubType: 'FINGER', mandatory: false },
    { authType: 'bio', authSubType: 'IRIS', mandatory: false },
    { authType: 'bio', authSubType: 'FACE', mandatory: false },
  ],
});

export function seedDemoIda(db: WriteDb, deps: CoreDeps, demo: DemoIda, passwordHash: string, now: Date): void {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const time = now.toISOString();
  storeServiceKeys(db, demo.serviceKeys, at(30));
  for (const identity of demo.identities) storeIdentity(db, deps.keyWrap, identity, 'admin', at(20));

  // The demo desk as an authentication partner, onboarded like the others in seed.ts.
  insertUser(
    db,
    {
      id: DEMO_DESK_PARTNER,
      email: `registrar@${DEMO_DESK_PARTNER}.demo`,
      firstName: 'Nadia',
      lastName: 'Sow',
      orgName: 'Demo Registration Office',
      passwordHash,
      lang: 'en',
      roles: ['AUTH_PARTNER'],
    },
    at(40),
  );
  insertPartner(
    db,
    {
      id: DEMO_DESK_PARTNER,
      userId: DEMO_DESK_PARTNER,
      type: 'Auth_Partner',
      orgName: 'Demo Registration Office',
      address: '1 Civic Square, Demo City',
      phone: '+22670111111',
      email: `registrar@${DEMO_DESK_PARTNER}.demo`,
      lang: 'en',
    },
    at(40),
  );
  db.prepare(
    "UPDATE partner SET approval_status = 'approved', is_active = 1, policy_group_id = 'demo-grp-banking' WHERE id = ?",
  ).run(DEMO_DESK_PARTNER);
  db.prepare(
    `INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_type, policy_json, policy_schema, is_active, cr_by, created_at, published_at, updated_at)
     VALUES (?, 'demo-grp-banking', 'Assisted Registration eKYC', 'Biometric e-KYC by a registration officer at a desk', 'Auth', ?, ?, 1, 'admin', ?, ?, ?)`,
  ).run(DEMO_KYC_POLICY, validatePolicy('Auth', AUTH_POLICY), schemaUrl('Auth'), at(35), at(34), at(34));
  db.prepare(
    "INSERT INTO partner_policy_request (id, part_id, policy_id, request_detail, status_code, cr_by, created_at, upd_by, updated_at) VALUES ('demo-req-assisted', ?, ?, 'Assisted registration at the desk.', 'approved', ?, ?, 'admin', ?)",
  ).run(DEMO_DESK_PARTNER, DEMO_KYC_POLICY, DEMO_DESK_PARTNER, at(33), at(32));
  db.prepare(
    "INSERT INTO partner_policy (id, key_hash, part_id, policy_id, label, valid_to, is_active, cr_by, created_at, updated_at) VALUES ('demo-key-desk', ?, ?, ?, 'Registration desk', ?, 1, ?, ?, ?)",
  ).run(
    hashApiKey(demo.apiKey),
    DEMO_DESK_PARTNER,
    DEMO_KYC_POLICY,
    new Date(now.getTime() + 365 * DAY).toISOString(),
    DEMO_DESK_PARTNER,
    at(31),
    at(31),
  );
  const orig = identityOf(demo.desk.caSigned);
  const signed = identityOf(demo.desk.mosipSigned);
  db.prepare(
    `INSERT INTO partner_certificate (partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by, ca_not_before, ca_not_after, mosip_not_before, mosip_not_after, uploaded_at, uploaded_by)
     VALUES (?, 'demo-cert-desk', 'AUTH', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    DEMO_DESK_PARTNER,
    orig.thumbprint,
    Buffer.from(demo.desk.caSigned),
    Buffer.from(demo.desk.mosipSigned),
    orig.issuedTo,
    orig.issuedBy,
    orig.notBefore,
    orig.notAfter,
    signed.notBefore,
    signed.notAfter,
    at(15),
    DEMO_DESK_PARTNER,
  );
  db.prepare("UPDATE partner SET certificate_alias = 'demo-cert-desk' WHERE id = ?").run(DEMO_DESK_PARTNER);
  // IDA checks only the licence's own status and dates; PMS would issue it to an approved MISP partner.
  db.prepare(
    'INSERT INTO ida_misp_license (license_hash, misp_partner_id, is_active, valid_from, valid_to, created_at) VALUES (?, ?, 1, ?, ?, ?)',
  ).run(
    hashApiKey(demo.mispLicenseKey),
    MISP_PARTNER,
    at(30),
    new Date(now.getTime() + 365 * DAY).toISOString(),
    at(30),
  );

  // This desk's client, pointed at the service this host serves (web or server host: the same origin).
  const cert = (ref: string) => Buffer.from(demo.serviceKeys.find((k) => k.ref === ref)!.der);
  createPrivateKey({ key: Buffer.from(demo.desk.pkcs8), format: 'der', type: 'pkcs8' }); // fails early on a broken key
  storeIdaClientSettings(
    db,
    deps.keyWrap,
    {
      baseUrl: `${deps.publicUrl.replace(/\/+$/, '')}/idauthentication/v1`,
      mispLicenseKey: demo.mispLicenseKey,
      partnerId: DEMO_DESK_PARTNER,
      apiKey: demo.apiKey,
      servicePartnerCertDer: cert('PARTNER'),
      serviceFirCertDer: cert('IDA-FIR'),
      serviceSignCertDer: cert('SIGN'),
      // IDA compares x5c with the certificate PMS pushed; the service accepts either copy (ida.md §6).
      partnerCertDer: demo.desk.mosipSigned,
      partnerKeyPkcs8: demo.desk.pkcs8,
      timeoutMs: 15_000,
    },
    'admin',
    time,
  );
}
