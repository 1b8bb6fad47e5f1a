import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../main/core/accounts/passwords.ts';
import { runScheduledJobs } from '../../../main/core/jobs.ts';
import { verhoeffDigit } from '../../../main/core/assisted/individual-id.ts';
import { REPLICATED_TABLES } from '../../../main/core/sync/tables.ts';
import type { Output, PulledChange } from '../../../main/contract/index.ts';
import { DeskSyncClient } from '../../../main/sync/client.ts';
import { HttpSyncTransport } from '../../../main/sync/http-transport.ts';
import { ADMIN, testCore } from '../../helpers/core.ts';
import type { TestCore } from '../../helpers/core.ts';
import { buildEstate, collectingMailer } from '../../helpers/notifications.ts';
import type { Estate } from '../../helpers/notifications.ts';
import { APPLICATION_FORM, GOOD_ANSWERS } from '../../helpers/portal-forms.ts';
import { expectConverged } from '../../helpers/sync.ts';
import { serveCore } from '../../helpers/sync-http.ts';
import type { CoreServer } from '../../helpers/sync-http.ts';

/**
 * The tables replicated since migration 0210 — trust profiles, notifications, the portal and the
 * officers' assisted applications — between a server core behind the real server host on loopback
 * and desks joined over HTTP: each row reaches the desks whose user may see it and no other, no
 * secret column is ever in a pull, and a desk's offline dismiss or assisted draft is decided by
 * the server (applied, or refused and shown).
 */
const PASSWORD = 'Us3r-Secret-Pass!';
const OFFICER_PASSWORD = 'Off1cer-Secret!';
const uin = (nine: string) => nine + verhoeffDigit(nine);
const AMINA_UIN = uin('501234567');

interface HttpDesk {
  tc: TestCore;
  client: DeskSyncClient;
  session: string;
  user: string;
  password: string;
}

let server: TestCore;
let host: CoreServer;
let estate: Estate;
let padmin: string;
let formId: string;
let programId: string;
let otherProgramId: string;
const desks: Record<string, HttpDesk> = {};

/** A user as an identity provider would hand it over (program admins and applicants come from the IdP). */
async function addUser(id: string, roles: string[], registrant?: { id: string; uin: string }): Promise<void> {
  const hash = await hashPassword(PASSWORD, randomBytes(16));
  const t = server.clock.now().toISOString();
  const db = server.core.db.writer;
  db.transaction(() => {
    db.prepare(
      'INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, `${id}@registry.example`, id, 'User', 'Registry Office', hash, 'en', t, t);
    for (const r of roles) db.prepare('INSERT INTO user_role (user_id, role) VALUES (?, ?)').run(id, r);
    if (registrant)
      db.prepare(
        "INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES (?, ?, 'UIN', ?, ?, ?)",
      ).run(registrant.id, id, registrant.uin, id, t);
  })();
}

async function join(user: string, password: string): Promise<HttpDesk> {
  const tc = testCore({ clock: server.clock });
  const client = new DeskSyncClient(tc.core, { transport: (t) => new HttpSyncTransport(t) });
  tc.core.setDeskSync(client);
  await tc.call('sync.connect', { serverUrl: host.url, login: user, password, deskName: `desk of ${user}` });
  const session = (await tc.call('auth.login', { login: user, password })).token;
  return (desks[user] = { tc, client, session, user, password });
}

/** The server host goes away (the desk is offline) and comes back on the same port. */
async function offline<T>(work: () => Promise<T>): Promise<T> {
  const port = host.port;
  await host.close();
  try {
    return await work();
  } finally {
    host = await serveCore(server.core, { port });
  }
}

/** A day later: the user signs in on the desk again (cached credential), then online to the server. */
async function signInAgain(d: HttpDesk): Promise<void> {
  d.session = (await d.tc.call('auth.login', { login: d.user, password: d.password })).token;
  await d.tc.call('sync.signIn', { password: d.password }, d.session);
}

const sync = (d: HttpDesk) => d.tc.call('sync.now', {}, d.session);
const rows = (tc: TestCore, sql: string, ...p: unknown[]) => tc.core.db.reader.prepare(sql).all(...p);
const ids = (tc: TestCore, table: string) =>
  (tc.core.db.reader.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as string[]).sort();

/** Every page of a first pull as the desk's user gets it over HTTP, as raw JSON. */
async function rawPull(d: HttpDesk): Promise<{ changes: PulledChange[]; text: string }> {
  const c = d.tc.core.db.reader.prepare('SELECT desk_id, desk_key, server_session FROM sync_connection').get() as {
    desk_id: string;
    desk_key: string;
    server_session: string;
  };
  const changes: PulledChange[] = [];
  let text = '';
  let cookie = 0;
  for (;;) {
    const res = await fetch(`${host.url}/api/call/sync.pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.server_session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { deskId: c.desk_id, deskKey: c.desk_key, cookie, limit: 50 } }),
    });
    const body = await res.text();
    text += body;
    const answer = JSON.parse(body) as { ok: true; result: Output<'sync.pull'> };
    expect(answer.ok).toBe(true);
    changes.push(...answer.result.changes);
    cookie = answer.result.cookie;
    if (answer.result.complete) return { changes, text };
  }
}

beforeAll(async () => {
  server = testCore({
    syncRole: 'server',
    mailer: collectingMailer(),
    config: { apiKeys: { expiryDays: 30 }, certificates: { caMinValidityMonths: 0 } },
  });
  // an admin, partner-1 (auth, with an API key expiring in 30 days), partner-2 (device provider), a short root
  estate = await buildEstate(server, { sbiExpiry: '2026-12-07', rootDays: 30 });
  await runScheduledJobs(server.core);
  await server.call('trustStore.setProfile', { partnerDomain: 'AUTH', profile: 'strict' }, estate.admin);
  await server.call(
    'registrationOfficers.create',
    {
      firstName: 'Oumar',
      lastName: 'Officer',
      email: 'officer1@registry.example',
      username: 'officer1',
      password: OFFICER_PASSWORD,
      lang: 'en',
    },
    estate.admin,
  );
  await addUser('padmin', ['PROGRAM_ADMIN']);
  await addUser('amina', ['APPLICANT'], { id: 'reg-amina', uin: AMINA_UIN });
  await addUser('karim', ['APPLICANT'], { id: 'reg-karim', uin: uin('602345678') });
  padmin = (await server.call('auth.login', { login: 'padmin', password: PASSWORD })).token;
  formId = (
    await server.call(
      'portalForms.create',
      { title: 'Cash transfer', schema: structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown> },
      padmin,
    )
  ).formId;
  for (const name of ['Cash transfer', 'Winter support']) {
    const id = (await server.call('programs.create', { name }, padmin)).programId;
    await server.call('programs.mapForm', { programId: id, formId, multipleSubmissions: false }, padmin);
    if (name === 'Cash transfer') programId = id;
    else otherProgramId = id;
  }
  const karim = (await server.call('auth.login', { login: 'karim', password: PASSWORD })).token;
  await server.call('portal.submit', { programId, data: { ...GOOD_ANSWERS, name: 'Karim Traoré' } }, karim);
  host = await serveCore(server.core);
  await join('admin', ADMIN.password);
  await join('partner-1', 'Partn3r-Pass!');
  await join('padmin', PASSWORD);
  await join('officer1', OFFICER_PASSWORD);
  await join('amina', PASSWORD);
}, 120_000);

afterAll(async () => {
  for (const d of Object.values(desks)) {
    await d.client.stop();
    d.tc.close();
  }
  await host?.close();
  server?.close();
});

describe('who receives the newly replicated tables', () => {
  it("notifications reach only their recipient's desk, without the mail's address or delivery state", () => {
    const mine = (user: string) =>
      server.core.db.reader.prepare('SELECT id FROM notification WHERE user_id = ? ORDER BY id').pluck().all(user);
    expect(mine('admin').length).toBeGreaterThan(0);
    expect(mine('partner-1').length).toBeGreaterThan(0);
    expect(ids(desks.admin!.tc, 'notification')).toEqual(mine('admin'));
    expect(ids(desks['partner-1']!.tc, 'notification')).toEqual(mine('partner-1'));
    for (const u of ['padmin', 'officer1', 'amina']) expect(ids(desks[u]!.tc, 'notification'), u).toEqual([]);
    // the server keeps the wrapped address; a desk's copy has none and nothing to deliver
    expect(
      server.count("SELECT COUNT(*) AS n FROM notification WHERE email_wrapped IS NOT NULL AND user_id = 'partner-1'"),
    ).toBeGreaterThan(0);
    for (const d of Object.values(desks))
      expect(
        rows(d.tc, "SELECT id FROM notification WHERE email_wrapped IS NOT NULL OR email_status <> 'NONE'"),
      ).toEqual([]);
  });

  it("the trust profiles reach the trust store's readers (admins, partners), not the portal's users", () => {
    for (const u of ['admin', 'partner-1'])
      expect(rows(desks[u]!.tc, 'SELECT domain, profile FROM trust_profile'), u).toEqual([
        { domain: 'AUTH', profile: 'strict' },
      ]);
    for (const u of ['padmin', 'officer1', 'amina'])
      expect(rows(desks[u]!.tc, 'SELECT domain FROM trust_profile'), u).toEqual([]);
  });

  it('the portal: a program admin sees it whole, an applicant its own, an officer the programs and forms; partners nothing', () => {
    const karimApp = server.core.db.reader
      .prepare("SELECT id FROM application WHERE registrant_id = 'reg-karim'")
      .pluck()
      .get() as string;
    expect(ids(desks.padmin!.tc, 'application')).toEqual([karimApp]);
    expect(ids(desks.padmin!.tc, 'registrant')).toEqual(['reg-amina', 'reg-karim']);
    expect(ids(desks.padmin!.tc, 'program').length).toBe(2);
    expect(ids(desks.officer1!.tc, 'program').length).toBe(2);
    expect(ids(desks.officer1!.tc, 'portal_form')).toEqual([formId]);
    expect(ids(desks.officer1!.tc, 'application')).toEqual([]);
    expect(ids(desks.officer1!.tc, 'registrant')).toEqual([]);
    // Amina sees her registrant record and no one else's application
    expect(ids(desks.amina!.tc, 'registrant')).toEqual(['reg-amina']);
    expect(ids(desks.amina!.tc, 'application')).toEqual([]);
    for (const u of ['admin', 'partner-1'])
      for (const t of ['program', 'portal_form', 'registrant', 'application', 'assisted_application'])
        expect(ids(desks[u]!.tc, t), `${t} on ${u}'s desk`).toEqual([]);
    for (const d of Object.values(desks)) expectConverged(server.core, d.tc.core, d.user);
  });

  it('a row created on the server later reaches the desks that may see it at their next sync', async () => {
    const amina = (await server.call('auth.login', { login: 'amina', password: PASSWORD })).token;
    const draft = await server.call('portal.saveDraft', { programId, data: { name: 'Amina Diallo' } }, amina);
    for (const d of Object.values(desks)) await sync(d);
    expect(ids(desks.amina!.tc, 'application')).toEqual([draft.applicationId]);
    expect(ids(desks.padmin!.tc, 'application')).toContain(draft.applicationId);
    for (const u of ['admin', 'partner-1', 'officer1'])
      expect(ids(desks[u]!.tc, 'application'), u).not.toContain(draft.applicationId);
    // and the applicant's portal reads it on the desk, offline
    const mine = await desks.amina!.tc.call('portal.applications', {}, desks.amina!.session);
    expect(mine.data.map((a) => a.applicationId)).toEqual([draft.applicationId]);
  });

  it('no secret is in any pull: no server-only table, no hashed or wrapped column, no biometric record', async () => {
    const travelling = new Set(REPLICATED_TABLES.map((t) => t.name));
    for (const d of Object.values(desks)) {
      const { changes, text } = await rawPull(d);
      expect(changes.length).toBeGreaterThan(0);
      for (const c of changes) expect(travelling.has(c.table), c.table).toBe(true);
      for (const column of [
        'password_hash',
        'email_wrapped',
        'email_error',
        'email_attempts',
        'wrapped',
        'wrapped_private_key',
        'wrapped_record',
        'record_digest',
        'code_verifier',
        'nonce',
        'token_hash',
      ])
        expect(text, `${column} in the pull of ${d.user}`).not.toContain(`"${column}"`);
    }
  });
});

describe('offline changes to the new tables are decided by the server', () => {
  it('a notification dismissed offline is replayed on the server; one dismissed meanwhile elsewhere is refused and shown', async () => {
    const p = desks['partner-1']!;
    const a = desks.admin!;
    const partnerNotice = ids(p.tc, 'notification')[0]!;
    const adminNotice = ids(a.tc, 'notification')[0]!;
    await offline(async () => {
      await p.tc.call(
        'notifications.dismiss',
        { notificationId: partnerNotice, notificationStatus: 'DISMISSED' },
        p.session,
      );
      await a.tc.call(
        'notifications.dismiss',
        { notificationId: adminNotice, notificationStatus: 'DISMISSED' },
        a.session,
      );
      expect(p.tc.count("SELECT COUNT(*) AS n FROM notification WHERE status = 'DISMISSED'")).toBe(1);
      expect((await p.tc.call('sync.queue', { status: 'pending' }, p.session)).totalResults).toBe(1);
    });
    // meanwhile the admin dismissed the same notice in the server's web UI
    await server.call(
      'notifications.dismiss',
      { notificationId: adminNotice, notificationStatus: 'DISMISSED' },
      estate.admin,
    );
    await sync(p);
    await sync(a);
    expect(
      server.count(
        "SELECT COUNT(*) AS n FROM notification WHERE id = ? AND status = 'DISMISSED' AND upd_by = 'partner-1'",
        partnerNotice,
      ),
    ).toBe(1);
    expect(
      server.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'notifications.dismiss' AND desk_id IS NOT NULL AND result = 'success'",
      ),
    ).toBe(1);
    expect((await p.tc.call('sync.queue', {}, p.session)).data[0]).toMatchObject({
      method: 'notifications.dismiss',
      status: 'applied',
    });
    const refused = (await a.tc.call('sync.queue', { status: 'conflict' }, a.session)).data;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ method: 'notifications.dismiss', code: 'PMS_NOTIFICATION_ERROR_009' });
    expect(rows(a.tc, 'SELECT status FROM notification WHERE id = ?', adminNotice)).toEqual([{ status: 'DISMISSED' }]);
    expectConverged(server.core, p.tc.core, 'partner-1');
    expectConverged(server.core, a.tc.core, 'admin');
  });

  it('an assisted application drafted offline keeps its id on the server; one for a program ended meanwhile is refused', async () => {
    const o = desks.officer1!;
    const { kept, refused } = await offline(async () => {
      const kept = await o.tc.call(
        'assisted.open',
        { individualIdType: 'UIN', individualId: AMINA_UIN, programId, consent: true },
        o.session,
      );
      await o.tc.call('assisted.setExceptions', { assistedId: kept.assistedId, exceptions: ['Left Thumb'] }, o.session);
      const refused = await o.tc.call(
        'assisted.open',
        { individualIdType: 'UIN', individualId: AMINA_UIN, programId: otherProgramId, consent: true },
        o.session,
      );
      // what a capture leaves on the desk (the device is not part of this test): an attempt and the wrapped sample
      for (const id of [kept.assistedId, refused.assistedId]) {
        o.tc.core.db.writer
          .prepare(
            "INSERT INTO assisted_attempt (assisted_id, modality, attempt, quality, threshold, passed, device_serial, captured_at) VALUES (?, 'Finger', 1, 80, 60, 1, 'SN-1', ?)",
          )
          .run(id, server.clock.now().toISOString());
        o.tc.core.db.writer
          .prepare(
            "INSERT INTO assisted_capture (assisted_id, modality, quality, device_serial, digital_id_json, wrapped, captured_at) VALUES (?, 'Finger', 80, 'SN-1', '{}', x'c0ffee', ?)",
          )
          .run(id, server.clock.now().toISOString());
      }
      return { kept, refused };
    });
    await server.call('programs.setState', { programId: otherProgramId, state: 'ended' }, padmin);
    await sync(o);
    expect(
      rows(server, 'SELECT state, exceptions_json, officer_id FROM assisted_application WHERE id = ?', kept.assistedId),
    ).toEqual([{ state: 'draft', exceptions_json: '["Left Thumb"]', officer_id: 'officer1' }]);
    expect(server.count('SELECT COUNT(*) AS n FROM assisted_application WHERE id = ?', refused.assistedId)).toBe(0);
    const conflicts = (await o.tc.call('sync.queue', { status: 'conflict' }, o.session)).data;
    expect(conflicts.map((c) => [c.method, c.code])).toEqual([['assisted.open', 'PD_SSP_002']]);
    // the refused draft is gone from the desk with the rebase; the kept one is the server's row
    expect(ids(o.tc, 'assisted_application')).toEqual([kept.assistedId]);
    // the capture stays wrapped on the desk that made it, across the rebase; the server never sees one
    expect(rows(o.tc, 'SELECT assisted_id, hex(wrapped) AS w FROM assisted_capture')).toEqual([
      { assisted_id: kept.assistedId, w: 'C0FFEE' },
    ]);
    expect(rows(o.tc, 'SELECT assisted_id FROM assisted_attempt')).toEqual([{ assisted_id: kept.assistedId }]);
    expect(server.count('SELECT COUNT(*) AS n FROM assisted_capture')).toBe(0);
    expect(server.count('SELECT COUNT(*) AS n FROM assisted_attempt')).toBe(0);
    // a draft is the officer's: the program admin does not see it until it is submitted
    await sync(desks.padmin!);
    expect(ids(desks.padmin!.tc, 'assisted_application')).toEqual([]);
    expectConverged(server.core, o.tc.core, 'officer1');
    expectConverged(server.core, desks.padmin!.tc.core, 'padmin');
  });

  it('on a joined desk the notification jobs do not run: the scheduler skips them and an admin calling one is refused', async () => {
    const a = desks.admin!;
    const before = a.tc.count('SELECT COUNT(*) AS n FROM notification');
    server.clock.advance(86_400);
    const run = await runScheduledJobs(a.tc.core);
    expect(run.notifications.created).toBe(0);
    for (const [method, input] of [
      ['notifications.expiryJob', { kind: 'API_KEYS' }],
      ['notifications.weeklySummary', {}],
      ['notifications.purge', {}],
      ['notifications.deliverMail', { retryNow: true }],
    ] as const) {
      const session = (await a.tc.call('auth.login', { login: 'admin', password: ADMIN.password })).token;
      expect((await a.tc.fail(method, input, session)).code, method).toBe('PD_SYNC_005');
    }
    expect(a.tc.count('SELECT COUNT(*) AS n FROM notification')).toBe(before);
    expect(
      a.tc.count(
        "SELECT COUNT(*) AS n FROM outbox WHERE command LIKE 'notifications.%' AND command <> 'notifications.dismiss'",
      ),
    ).toBe(0);
    // the server's run is the one source: what it creates arrives
    await runScheduledJobs(server.core);
    await signInAgain(a);
    await sync(a);
    expect(ids(a.tc, 'notification')).toEqual(
      server.core.db.reader.prepare("SELECT id FROM notification WHERE user_id = 'admin' ORDER BY id").pluck().all(),
    );
  });
});

describe('bad input in pushes of the new commands', () => {
  it('each is a conflict with a stable code, audited, the seq advanced, nothing applied', async () => {
    const o = desks.officer1!;
    const p = desks['partner-1']!;
    for (const d of [o, p]) await signInAgain(d);
    const conn = (d: HttpDesk) =>
      d.tc.core.db.reader.prepare('SELECT desk_id, desk_key, server_session FROM sync_connection').get() as {
        desk_id: string;
        desk_key: string;
        server_session: string;
      };
    const T = server.clock.now().toISOString();
    const push = async (d: HttpDesk, commands: Array<{ method: string; input: unknown }>) => {
      const c = conn(d);
      const last = server.count('SELECT last_seq AS n FROM sync_desk WHERE id = ?', c.desk_id);
      const r = await server.core.dispatch('sync.push', c.server_session, {
        deskId: c.desk_id,
        deskKey: c.desk_key,
        commands: commands.map((cmd, i) => ({
          deskId: c.desk_id,
          seq: last + 1 + i,
          ...cmd,
          seed: 'cd'.repeat(32),
          actor: d.user,
          time: T,
        })),
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return (r.result as Output<'sync.push'>).verdicts.map((v) => [v.status, v.code]);
    };
    const adminNotice = server.core.db.reader
      .prepare("SELECT id FROM notification WHERE user_id = 'admin' AND status = 'ACTIVE' LIMIT 1")
      .pluck()
      .get() as string;
    const deviceNotice = server.core.db.reader
      .prepare("SELECT id FROM notification WHERE user_id = 'partner-2' LIMIT 1")
      .pluck()
      .get() as string;
    const assisted = server.count('SELECT COUNT(*) AS n FROM assisted_application');
    expect(
      await push(p, [
        { method: 'notifications.dismiss', input: { notificationId: adminNotice, notificationStatus: 'DISMISSED' } },
        { method: 'notifications.dismiss', input: { notificationId: deviceNotice, notificationStatus: 'DISMISSED' } },
        { method: 'notifications.dismiss', input: { notificationId: adminNotice, notificationStatus: 'READ' } },
        {
          method: 'notifications.dismiss',
          input: { notificationId: 'x'.repeat(5000), notificationStatus: 'DISMISSED' },
        },
        {
          method: 'notifications.dismiss',
          input: { notificationId: 'no-such-notification', notificationStatus: 'DISMISSED' },
        },
        { method: 'notifications.dismiss', input: null },
        { method: 'notifications.expiryJob', input: { kind: 'API_KEYS' } },
        {
          method: 'assisted.open',
          input: { individualIdType: 'UIN', individualId: AMINA_UIN, programId, consent: true },
        },
      ]),
    ).toEqual([
      ['conflict', 'PMS_NOTIFICATION_ERROR_018'],
      ['conflict', 'PMS_NOTIFICATION_ERROR_011'],
      ['conflict', 'PMS_NOTIFICATION_ERROR_012'],
      ['conflict', 'PMS_COR_002'],
      ['conflict', 'PMS_NOTIFICATION_ERROR_008'],
      ['conflict', 'PMS_COR_002'],
      ['conflict', 'PD_AUTH_004'],
      ['conflict', 'PD_AUTH_004'],
    ]);
    expect(
      await push(o, [
        { method: 'assisted.open', input: { individualIdType: 'UIN', individualId: '1234', programId, consent: true } },
        {
          method: 'assisted.open',
          input: { individualIdType: 'UIN', individualId: AMINA_UIN, programId, consent: false },
        },
        {
          method: 'assisted.open',
          input: { individualIdType: 'HANDLE', individualId: AMINA_UIN, programId, consent: true },
        },
        { method: 'assisted.setExceptions', input: { assistedId: 'not-mine', exceptions: ['Left Thumb'] } },
        { method: 'assisted.capture', input: { assistedId: 'x', port: 4501, deviceId: '1', modality: 'Finger' } },
      ]),
    ).toEqual([
      ['conflict', 'PD_ASR_005'],
      ['conflict', 'PD_ASR_004'],
      ['conflict', 'PMS_COR_002'],
      ['conflict', 'PD_ASR_006'],
      ['conflict', expect.stringMatching(/^PD_/)],
    ]);
    expect(server.count("SELECT COUNT(*) AS n FROM notification WHERE id = ? AND status = 'ACTIVE'", adminNotice)).toBe(
      1,
    );
    expect(server.count('SELECT COUNT(*) AS n FROM assisted_application')).toBe(assisted);
    expect(
      server.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE desk_id IN (?, ?) AND result = 'failure'",
        conn(o).desk_id,
        conn(p).desk_id,
      ),
    ).toBeGreaterThanOrEqual(13);
    // the desks carry on: their next rounds converge
    for (const d of [o, p]) {
      await sync(d);
      expectConverged(server.core, d.tc.core, d.user);
    }
  });
});
