import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { adminSession, link, newGroup, newPolicy, onboard, refuse } from '../helpers/policies.ts';
import type { TestPartner } from '../helpers/policies.ts';

const DAY = 86_400;
let tc: TestCore;
let admin: string;
let groupId: string;
let policyId: string;
let p: TestPartner;

async function setup(config?: Parameters<typeof testCore>[0]) {
  tc = testCore(config);
  admin = await adminSession(tc);
  groupId = (await newGroup(tc, admin)).policyGroupId;
  policyId = (await newPolicy(tc, admin, groupId)).policyId;
  p = await onboard(tc, 1, groupId);
}
afterEach(() => tc.close());

const check = (apiKey: string, partnerId = p.id, policy = policyId) =>
  tc.call('apiKeys.check', { partnerId, policyId: policy, apiKey });

describe('API key generation', () => {
  beforeEach(async () => {
    await setup();
    await link(tc, admin, p, policyId);
  });

  it('returns a ≥128-bit key once, stores only its SHA-256 and expires it in 100 years by default', async () => {
    const out = await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Production' }, p.token);
    expect(out.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(Buffer.from(out.apiKey, 'base64url')).toHaveLength(32);
    expect(out.apiKeyExpiryDateTime).toBe(new Date(tc.clock.now().getTime() + 36_500 * DAY * 1000).toISOString());
    const row = tc.core.db.reader.prepare('SELECT key_hash FROM partner_policy WHERE id = ?').get(out.id) as {
      key_hash: string;
    };
    expect(row.key_hash).toBe(createHash('sha256').update(out.apiKey).digest('hex'));
    const everything = ['partner_policy', 'outbox', 'app_audit_log']
      .map((t) => JSON.stringify(tc.core.db.reader.prepare(`SELECT * FROM ${t}`).all()))
      .join();
    expect(everything).not.toContain(out.apiKey);
    // shown once: no read gives it back
    const detail = await tc.call('apiKeys.get', { id: out.id }, p.token);
    expect(JSON.stringify(detail)).not.toContain(out.apiKey);
    expect(detail).toMatchObject({
      apiKeyLabel: 'Production',
      status: 'activated',
      isApiKeyExpired: false,
      usable: 'ok',
      policyGroupName: 'Banking',
      orgName: 'Org 1',
    });
  });

  it('makes the label unique per partner and policy after trimming and collapsing spaces (PMS_PRT_110), ≤ 36', async () => {
    const out = await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: '  Mobile   app  ' }, p.token);
    expect(out.label).toBe('Mobile app');
    await refuse(tc, 'apiKeys.generate', { partnerId: p.id, policyId, label: 'mobile \t app' }, p.token, 'PMS_PRT_110');
    await refuse(tc, 'apiKeys.generate', { partnerId: p.id, policyId, label: 'x'.repeat(37) }, p.token, 'PMS_COR_002');
    await refuse(tc, 'apiKeys.generate', { partnerId: p.id, policyId, label: '    ' }, p.token, 'PMS_COR_002');
    // the 36-character limit counts the label after collapsing: 34 + ' ' + 1 fits
    expect(
      (await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: `${'y'.repeat(34)}     z` }, p.token))
        .label,
    ).toHaveLength(36);
    await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Web app' }, p.token);
    // another policy may reuse the label
    const second = await newPolicy(tc, admin, groupId, { name: 'Second' });
    await link(tc, admin, p, second.policyId);
    await tc.call('apiKeys.generate', { partnerId: p.id, policyId: second.policyId, label: 'Mobile app' }, p.token);
  });

  it('needs an approved link (PMS_PRT_109), a policy of the partner’s group (PMS_PMP_014), an active partner of the caller', async () => {
    const second = await newPolicy(tc, admin, groupId, { name: 'Second' });
    await refuse(
      tc,
      'apiKeys.generate',
      { partnerId: p.id, policyId: second.policyId, label: 'k' },
      p.token,
      'PMS_PRT_109',
    );
    await tc.call('linking.request', { partnerId: p.id, policyId: second.policyId, comments: 'c' }, p.token);
    await refuse(
      tc,
      'apiKeys.generate',
      { partnerId: p.id, policyId: second.policyId, label: 'k' },
      p.token,
      'PMS_PRT_109',
    );
    const elsewhere = await newPolicy(tc, admin, (await newGroup(tc, admin, 'Telecom')).policyGroupId, {
      name: 'Elsewhere',
    });
    await refuse(
      tc,
      'apiKeys.generate',
      { partnerId: p.id, policyId: elsewhere.policyId, label: 'k' },
      p.token,
      'PMS_PMP_014',
    );
    await refuse(tc, 'apiKeys.generate', { partnerId: p.id, policyId: 'nope', label: 'k' }, p.token, 'PMS_PMP_014');
    const other = await onboard(tc, 2, groupId);
    await refuse(tc, 'apiKeys.generate', { partnerId: other.id, policyId, label: 'k' }, p.token, 'PMS_PRT_055');
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    await refuse(tc, 'apiKeys.generate', { partnerId: p.id, policyId, label: 'k' }, p.token, 'PMS_PMP_016');
    // only authentication partners hold API keys
    const cred = await onboard(tc, 3, groupId, { type: 'Credential_Partner' });
    await refuse(tc, 'apiKeys.generate', { partnerId: cred.id, policyId, label: 'k' }, cred.token, 'PD_AUTH_004');
  });
});

describe('the consumer check (apiKeys.check)', () => {
  let key: string;
  let keyId: string;
  let linkId: string;
  beforeEach(async () => {
    await setup();
    linkId = (await link(tc, admin, p, policyId)).id;
    const out = await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Production' }, p.token);
    key = out.apiKey;
    keyId = out.id;
  });

  it('accepts the key for its partner and policy only, without a session', async () => {
    expect(await check(key)).toEqual({ valid: true, reason: 'ok' });
    expect(await check(`${key}x`)).toEqual({ valid: false, reason: 'unknown' });
    const other = await onboard(tc, 2, groupId);
    expect(await check(key, other.id)).toEqual({ valid: false, reason: 'unknown' });
    expect(await check(key, p.id, 'another-policy')).toEqual({ valid: false, reason: 'unknown' });
  });

  it('fails at once when the partner is deactivated, and works again when it is activated', async () => {
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    expect(await check(key)).toEqual({ valid: false, reason: 'partnerInactive' });
    expect((await tc.call('apiKeys.get', { id: keyId }, admin)).usable).toBe('partnerInactive');
    // the lists say so too, for the admin and the partner, while the key's own status stays activated
    const row = (await tc.call('apiKeys.list', {}, admin)).data.find((k) => k.id === keyId);
    expect(row).toMatchObject({ status: 'activated', usable: 'partnerInactive' });
    await tc.call('partners.activate', { partnerId: p.id }, admin);
    expect((await tc.call('apiKeys.list', {}, admin)).data.find((k) => k.id === keyId)?.usable).toBe('ok');
    expect((await check(key)).valid).toBe(true);
  });

  it('fails at once when the policy link is deactivated', async () => {
    await tc.call('linking.deactivate', { id: linkId }, admin);
    expect(await check(key)).toEqual({ valid: false, reason: 'linkNotApproved' });
    // and a policy deactivated behind the link's back (the rules forbid it; the check does not trust them)
    tc.core.db.writer.prepare("UPDATE partner_policy_request SET status_code = 'approved' WHERE id = ?").run(linkId);
    tc.core.db.writer.prepare('UPDATE auth_policy SET is_active = 0 WHERE id = ?').run(policyId);
    expect(await check(key)).toEqual({ valid: false, reason: 'policyInactive' });
  });

  it('fails at once when the key is deactivated (by its partner or the admin); twice is PMS_PMS_022', async () => {
    const d = await tc.call('apiKeys.deactivate', { id: keyId }, p.token);
    expect(d).toMatchObject({ status: 'deactivated', usable: 'keyDeactivated' });
    expect(await check(key)).toEqual({ valid: false, reason: 'keyDeactivated' });
    await refuse(tc, 'apiKeys.deactivate', { id: keyId }, admin, 'PMS_PMS_022');
  });

  it('lets only the owner or the admin touch a key (PMS_PRT_111), and a deactivated partner not at all (PMS_PMP_016)', async () => {
    const other = await onboard(tc, 2, groupId);
    await refuse(tc, 'apiKeys.get', { id: keyId }, other.token, 'PMS_PRT_111');
    await refuse(tc, 'apiKeys.deactivate', { id: keyId }, other.token, 'PMS_PRT_111');
    await refuse(tc, 'apiKeys.get', { id: 'nope' }, admin, 'PMS_PRT_111');
    await tc.call('partners.deactivate', { partnerId: p.id }, admin);
    await refuse(tc, 'apiKeys.deactivate', { id: keyId }, p.token, 'PMS_PMP_016');
    expect((await tc.call('apiKeys.deactivate', { id: keyId }, admin)).status).toBe('deactivated');
  });
});

describe('API key expiry', () => {
  it('refuses an expired key at use before the job runs; the job deactivates it as the system', async () => {
    await setup({ config: { apiKeys: { expiryDays: 10 } } });
    await link(tc, admin, p, policyId);
    const soon = await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Soon' }, p.token);
    expect(soon.apiKeyExpiryDateTime).toBe(new Date(tc.clock.now().getTime() + 10 * DAY * 1000).toISOString());
    // the partner dashboard badge counts keys expiring within 30 days
    const card = (await tc.call('dashboard.summary', {}, p.token)).cards.find((c) => c.id === 'authServices');
    expect(card?.count).toBe(1);
    expect((await tc.call('apiKeys.list', { expiryPeriod: 30 }, p.token)).totalResults).toBe(1);
    expect((await tc.call('apiKeys.list', { expiryPeriod: 5 }, p.token)).totalResults).toBe(0);

    tc.clock.advance(10 * DAY);
    expect(await check(soon.apiKey)).toEqual({ valid: false, reason: 'keyExpired' });
    admin = (await tc.call('auth.login', { login: 'admin', password: 'Adm1n-Secret!' })).token; // sessions idled out meanwhile
    expect((await tc.call('apiKeys.get', { id: soon.id }, admin)).isApiKeyExpired).toBe(true);
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_policy WHERE is_active = 1')).toBe(1);

    expect(await runScheduledJobs(tc.core)).toMatchObject({ apiKeysExpired: 1 });
    expect(await check(soon.apiKey)).toEqual({ valid: false, reason: 'keyDeactivated' });
    const audit = tc.core.db.reader
      .prepare("SELECT actor, ref_type, ref_id, result FROM app_audit_log WHERE action = 'apiKeys.expireDue'")
      .all();
    expect(audit).toEqual([{ actor: 'system', ref_type: 'job', ref_id: 'apiKeys.expireDue', result: 'success' }]);
    const outbox = tc.core.db.reader
      .prepare("SELECT actor, payload FROM outbox WHERE command = 'apiKeys.expireDue'")
      .get() as { actor: string; payload: string };
    expect(outbox.actor).toBe('system');
    expect(JSON.parse(outbox.payload)).toEqual({ expiredApiKeyIds: [soon.id] });
    const row = tc.core.db.reader.prepare('SELECT upd_by FROM partner_policy WHERE id = ?').get(soon.id);
    expect(row).toEqual({ upd_by: 'system' });
    // nothing due: no command, no audit record
    expect(await runScheduledJobs(tc.core)).toMatchObject({ apiKeysExpired: 0 });
    expect(tc.count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'apiKeys.expireDue'")).toBe(1);
  });

  it('a later change of the lifetime setting never alters existing keys', async () => {
    await setup({ config: { apiKeys: { expiryDays: 30 } } });
    await link(tc, admin, p, policyId);
    const before = await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Before' }, p.token);
    // the admin edits config.json (keys now last a year) and the app starts again on the same data
    const restarted = openCore({
      hardware: createHardwareHub,
      dataDir: tc.dir,
      publicUrl: 'http://127.0.0.1:9/',
      now: tc.clock.now,
      config: parseConfig({ apiKeys: { expiryDays: 365 } }),
      log: () => undefined,
    });
    try {
      const call = async (method: string, input: unknown, session: string | null = null) => {
        const r = await restarted.dispatch(method, session, input);
        if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
        return r.result as Record<string, unknown>;
      };
      const token = (await call('auth.login', { login: p.id, password: 'Partn3r-Pass!' })).token as string;
      const after = await call('apiKeys.generate', { partnerId: p.id, policyId, label: 'After' }, token);
      expect(after.apiKeyExpiryDateTime).toBe(new Date(tc.clock.now().getTime() + 365 * DAY * 1000).toISOString());
      expect((await call('apiKeys.get', { id: before.id }, token)).apiKeyExpiryDateTime).toBe(
        before.apiKeyExpiryDateTime,
      );
      expect(before.apiKeyExpiryDateTime).toBe(new Date(tc.clock.now().getTime() + 30 * DAY * 1000).toISOString());
    } finally {
      restarted.close();
    }
  });

  it('runs from the command line: npm run cli -- jobs run', async () => {
    await setup({ config: { apiKeys: { expiryDays: 1 } } });
    await link(tc, admin, p, policyId);
    await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Old' }, p.token);
    tc.core.db.writer.prepare("UPDATE partner_policy SET valid_to = '2000-01-01T00:00:00.000Z'").run();
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args, '--data-dir', tc.dir], {
        encoding: 'utf8',
      });
    const r = run(['jobs', 'run']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ apiKeysExpired: 1 });
    expect(tc.count('SELECT COUNT(*) AS n FROM partner_policy WHERE is_active = 1')).toBe(0);
    expect(run(['jobs', 'later']).status).toBe(1);
  });
});

describe('API key lists', () => {
  it('shows the admin every key and a partner its own, with MOSIP’s columns and filters', async () => {
    await setup();
    await link(tc, admin, p, policyId);
    const q = await onboard(tc, 2, groupId);
    await link(tc, admin, q, policyId);
    await tc.call('apiKeys.generate', { partnerId: p.id, policyId, label: 'Alpha' }, p.token);
    tc.clock.advance(60);
    const b = await tc.call('apiKeys.generate', { partnerId: q.id, policyId, label: 'Bravo' }, q.token);
    tc.clock.advance(60);
    await tc.call('apiKeys.generate', { partnerId: q.id, policyId, label: 'Charlie' }, q.token);
    await tc.call('apiKeys.deactivate', { id: b.id }, admin);
    const all = await tc.call('apiKeys.list', {}, admin);
    expect(all.data.map((k) => k.apiKeyLabel)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(all.data[0]).toMatchObject({
      partnerId: q.id,
      orgName: 'Org 2',
      policyName: 'KYC basic',
      policyGroupName: 'Banking',
      status: 'activated',
      isApiKeyExpired: false,
    });
    expect((await tc.call('apiKeys.list', { status: 'deactivated' }, admin)).data.map((k) => k.apiKeyLabel)).toEqual([
      'Bravo',
    ]);
    expect((await tc.call('apiKeys.list', { status: 'activated' }, admin)).totalResults).toBe(2);
    expect((await tc.call('apiKeys.list', { apiKeyLabel: 'arl' }, admin)).data.map((k) => k.apiKeyLabel)).toEqual([
      'Charlie',
    ]);
    expect((await tc.call('apiKeys.list', { orgName: 'org 1' }, admin)).data.map((k) => k.apiKeyLabel)).toEqual([
      'Alpha',
    ]);
    expect(
      (await tc.call('apiKeys.list', { sortFieldName: 'apiKeyLabel', sortType: 'asc' }, admin)).data.map(
        (k) => k.apiKeyLabel,
      ),
    ).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(
      (await tc.call('apiKeys.list', { sortFieldName: 'status', sortType: 'asc' }, admin)).data.map((k) => k.status),
    ).toEqual(['activated', 'activated', 'deactivated']);
    const mine = await tc.call('apiKeys.list', {}, p.token);
    expect(mine.data.map((k) => k.apiKeyLabel)).toEqual(['Alpha']);
    expect((await tc.call('apiKeys.list', { partnerId: q.id }, p.token)).totalResults).toBe(0);
    await refuse(tc, 'apiKeys.list', { sortFieldName: 'apiKey' }, admin, 'PMS_PRT_357');
    await refuse(tc, 'apiKeys.list', { expiryPeriod: 31 }, admin, 'PMS_COR_002');
  });
});
