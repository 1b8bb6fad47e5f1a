import 'reflect-metadata';
import type { Mailer, MailMessage } from '../../main/core/mail/mailer.ts';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import type { TestCore } from './core.ts';
import { intermediate, keyPair, leaf, root } from './pki.ts';
import { adminSession, link, newGroup, newPolicy, onboard } from './policies.ts';
import type { TestPartner } from './policies.ts';

export const DAY_MS = 86_400_000;
const b64 = (t: string | Uint8Array) => Buffer.from(t).toString('base64');

/** Keeps what the core sends, in order (the SMTP path has its own test against a real server). */
export function collectingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    mode: 'outbox',
    sent,
    async send(message) {
      sent.push(message);
    },
  };
}

export interface Estate {
  admin: string;
  auth: TestPartner;
  device: TestPartner;
  apiKeyId: string;
  sbiId: string;
  shortRootId: string;
  certificateId: string;
}

/**
 * An admin, an auth partner (French) with an API key, a partner certificate and its MOSIP-signed
 * copy (valid 365 days from now), a device provider (Arabic) with an approved SBI expiring on
 * `sbiExpiry`, and a root CA expiring `rootDays` after now — all through the ordinary commands.
 * The TestCore must have `apiKeys.expiryDays` and `certificates.caMinValidityMonths: 0` set.
 */
export async function buildEstate(tc: TestCore, opts: { sbiExpiry: string; rootDays: number }): Promise<Estate> {
  const admin = await adminSession(tc);
  const groupId = (await newGroup(tc, admin)).policyGroupId;
  const policyId = (await newPolicy(tc, admin, groupId)).policyId;
  const auth = await onboard(tc, 1, groupId);
  tc.core.db.writer.prepare("UPDATE partner SET lang_code = 'fr' WHERE id = ?").run(auth.id);
  await link(tc, admin, auth, policyId);
  const key = await tc.call('apiKeys.generate', { partnerId: auth.id, policyId, label: 'Guichet mobile' }, auth.token);

  const authRoot = root('CN=Auth Root, O=Registry');
  const authCa = intermediate(authRoot, 'CN=Auth Issuing CA, O=Registry');
  await tc.call(
    'trustStore.upload',
    { partnerDomain: 'AUTH', fileName: 'chain.pem', contentBase64: b64(authRoot.pem + authCa.pem) },
    admin,
  );
  const now = tc.clock.now();
  const shortRoot = root('CN=Short Root, O=Registry', {
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + opts.rootDays * DAY_MS),
  });
  const uploaded = await tc.call(
    'trustStore.upload',
    { partnerDomain: 'DEVICE', fileName: 'short.pem', contentBase64: b64(shortRoot.pem) },
    admin,
  );
  const cert = leaf(authCa, 'CN=partner-1, O=Org 1', { key: keyPair('rsa2048') });
  const upload = await tc.call(
    'partnerCertificate.upload',
    { partnerId: auth.id, fileName: 'partner.pem', contentBase64: b64(cert.pem) },
    auth.token,
  );

  const device = await onboard(tc, 2, null, { type: 'Device_Provider' });
  tc.core.db.writer.prepare("UPDATE partner SET lang_code = 'ar' WHERE id = ?").run(device.id);
  const sbi = await tc.call(
    'sbis.create',
    {
      partnerId: device.id,
      sbiVersion: '2.1.0',
      binaryHash: 'abc123',
      sbiCreatedDateTime: '2026-01-15',
      sbiExpiryDateTime: opts.sbiExpiry,
    },
    device.token,
  );
  await tc.call('sbis.decide', { sbiId: sbi.sbiId, decision: 'approved' }, admin);
  const shortRootId = uploaded.results[0]?.certificateId;
  if (!shortRootId || !upload.card.certificateId)
    throw new Error(`fixture upload failed: ${JSON.stringify(uploaded.results)}`);
  return {
    admin,
    auth,
    device,
    apiKeyId: key.id,
    sbiId: sbi.sbiId,
    shortRootId,
    certificateId: upload.card.certificateId,
  };
}

/** Moves the clock to 00:30 UTC of the next day and runs the scheduled jobs, as the hosts do. */
export async function nextDay(tc: TestCore): Promise<Awaited<ReturnType<typeof runScheduledJobs>>> {
  const t = tc.clock.now();
  tc.clock.current = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, 0, 30));
  return runScheduledJobs(tc.core);
}

export function periodsOf(tc: TestCore, type: string, itemKey: string, userId?: string): number[] {
  const rows = tc.core.db.reader
    .prepare(
      `SELECT period FROM notification WHERE type = ? AND item_key = ? ${userId ? 'AND user_id = ?' : ''} ORDER BY created_at`,
    )
    .pluck()
    .all(...(userId ? [type, itemKey, userId] : [type, itemKey])) as number[];
  return rows;
}
