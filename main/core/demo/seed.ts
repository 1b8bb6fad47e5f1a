import type { PartnerTypeCode } from '../../contract/index.ts';
import { PARTNER_TYPES } from '../../contract/index.ts';
import type { WriteDb } from '../context.ts';
import { insertPartner, insertUser } from '../accounts/users.ts';
import { seedDemoPolicies } from './policies.ts';

/**
 * A realistic dataset the app generates itself: an admin, and partners of every type in the
 * states MOSIP knows. Later feature issues extend it with their own objects.
 */
const ORGS: ReadonlyArray<readonly [string, PartnerTypeCode, string, string]> = [
  ['Aurora Identity Services', 'Auth_Partner', 'Amina', 'Diallo'],
  ['Banque Populaire du Sahel', 'Auth_Partner', 'Jean', 'Kaboré'],
  ['Nile Credential Bureau', 'Credential_Partner', 'Omar', 'Hassan'],
  ['PrintWorks Civic Cards', 'Print_Partner', 'Grace', 'Mensah'],
  ['Sentinel Biometrics', 'Device_Provider', 'Li', 'Wei'],
  ['IrisPoint Devices', 'Device_Provider', 'Fatou', 'Ndiaye'],
  ['SecureSilicon FTM', 'FTM_Provider', 'Karim', 'Benali'],
  ['VerifyNow Online', 'Online_Verification_Partner', 'Sofia', 'Rossi'],
  ['Dedupe ABIS Labs', 'ABIS_Partner', 'Ravi', 'Menon'],
  ['Kiosk MISP Networks', 'MISP_Partner', 'Layla', 'Haddad'],
  ['Capture SDK Works', 'SDK_Partner', 'Tomás', 'Silva'],
  ['Review Desk Adjudication', 'Manual_Adjudication', 'Chloé', 'Martin'],
];

export function seedDemo(
  db: WriteDb,
  passwordHash: string,
  now: Date,
): { users: number; partners: number; adminLogin: string } {
  const day = 86_400_000;
  const adminTime = new Date(now.getTime() - 120 * day).toISOString();
  insertUser(
    db,
    {
      id: 'admin',
      email: 'admin@partner-desk.demo',
      firstName: 'Ada',
      lastName: 'Admin',
      orgName: 'Partner Desk Demo Office',
      passwordHash,
      lang: 'en',
      roles: ['PARTNER_ADMIN', 'POLICYMANAGER'],
    },
    adminTime,
  );
  const langs = ['en', 'fr', 'ar'] as const;
  ORGS.forEach(([org, type, first, last], i) => {
    const id = org
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 36);
    const email = `${first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}@${id}.demo`;
    const time = new Date(now.getTime() - (90 - i * 6) * day).toISOString();
    const role = PARTNER_TYPES.find((t) => t.code === type)!.role;
    const lang = langs[i % 3]!;
    insertUser(
      db,
      {
        id,
        email,
        firstName: first,
        lastName: last,
        orgName: org,
        passwordHash,
        lang,
        roles: [role],
      },
      time,
    );
    insertPartner(
      db,
      {
        id,
        userId: id,
        type,
        orgName: org,
        address: `${10 + i} Registry Avenue, Demo City`,
        phone: `+22670${String(100000 + i * 7919).slice(0, 6)}`,
        email,
        lang,
      },
      time,
    );
  });
  // Some partners already onboarded (MOSIP: approved + active after the first certificate),
  // one deactivated by the admin; the certificates issue attaches their certificates.
  db.prepare(
    "UPDATE partner SET approval_status = 'approved', is_active = 1 WHERE id IN ('aurora-identity-services', 'nile-credential-bureau', 'sentinel-biometrics', 'securesilicon-ftm')",
  ).run();
  db.prepare(
    "UPDATE partner SET approval_status = 'approved', is_active = 0 WHERE id = 'printworks-civic-cards'",
  ).run();
  seedDemoPolicies(db, now);
  return { users: ORGS.length + 1, partners: ORGS.length, adminLogin: 'admin' };
}
