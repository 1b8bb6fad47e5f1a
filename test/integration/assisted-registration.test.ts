import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../main/core/jobs.ts';
import { verhoeffDigit } from '../../main/core/assisted/individual-id.ts';
import { DEMO_IDA_PEOPLE } from '../../main/core/demo/ida.ts';
import type { SbiAuthBiometric } from '../../main/core/ida/types.ts';
import { TestClock, signIn } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { idServiceListener, idaWorld } from '../helpers/ida.ts';
import type { IdServiceListener, IdaWorld } from '../helpers/ida.ts';
import { APPLICATION_FORM, GOOD_ANSWERS } from '../helpers/portal-forms.ts';

/**
 * Assisted registration through the contract against the real ID service (the demo's enrolled
 * identities, keys and desk partner; the virtual SBI encrypting to the service): the officer role,
 * the Auth device refused before any capture when it does not verify or is not Ready, attempts and
 * thresholds, the e-KYC exchange over loopback HTTP, the queue while the service is down (wrapped
 * captures, too old for the service's window → capture again, dropped on the core's clock), the
 * submitted application as the program admin sees it, and an audit without biometrics.
 */
const uin = (nine: string) => nine + verhoeffDigit(nine);
const AMINA_UIN: string = DEMO_IDA_PEOPLE[0].individualId;
/** Enrolled from the virtual SBI's Registration samples: nothing its Auth devices capture matches him. */
const YUSUF_UIN = DEMO_IDA_PEOPLE[2].individualId;
const OTHER_UIN = uin('703456789');

let w: IdaWorld;
let tc: TestCore;
let ida: IdServiceListener;
let admin: string;
let officer: string;
let other: string;
let programId: string;
let port: number;

/** What the officer's desk keeps for the service, unwrapped: the device's items as it will send them. */
const sentData: string[] = [];
function keptItems(assistedId: string): SbiAuthBiometric[] {
  const rows = tc.core.db.reader
    .prepare('SELECT wrapped FROM assisted_capture WHERE assisted_id = ?')
    .pluck()
    .all(assistedId) as Buffer[];
  const items = rows.flatMap((r) => JSON.parse(tc.core.deps.keyWrap.unwrap(r).toString('utf8')) as SbiAuthBiometric[]);
  sentData.push(...items.map((b) => b.data.split('.')[1]!.slice(0, 32)));
  return items;
}

beforeAll(async () => {
  w = await idaWorld([46740, 46759], new TestClock(new Date()), {
    hardware: { discoveryIntervalSeconds: 0 },
    assisted: { queueTtlMinutes: 60, captureTimeoutMs: 3000 },
  });
  tc = w.tc;
  // The server host's ID service on a listener the tests can take down ("service down") and bring back.
  ida = await idServiceListener(tc.core);
  tc.core.env.writer.prepare('UPDATE ida_client SET base_url = ?').run(ida.baseUrl);
  admin = await signIn(tc, 'admin', w.password);
  await tc.call('programAdmins.grant', { userId: 'admin' }, admin);
  const form = await tc.call(
    'portalForms.create',
    {
      title: 'Cash transfer',
      schema: structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown>,
    },
    admin,
  );
  programId = (await tc.call('programs.create', { name: 'Cash transfer' }, admin)).programId;
  await tc.call('programs.mapForm', { programId, formId: form.formId, multipleSubmissions: false }, admin);
  for (const u of ['officer1', 'officer2']) {
    await tc.call(
      'registrationOfficers.create',
      {
        firstName: 'Oumar',
        lastName: u,
        email: `${u}@registry.example`,
        username: u,
        password: 'Off1cer-Secret!',
        lang: 'en',
      },
      admin,
    );
  }
  officer = await signIn(tc, 'officer1', 'Off1cer-Secret!');
  other = await signIn(tc, 'officer2', 'Off1cer-Secret!');
  // The demo's virtual SBI (its Auth devices 4, 5, 6), its roots trusted by the demo.
  port = w.sbiPort;
}, 120_000);
afterAll(async () => {
  await ida.stop().catch(() => undefined);
  await tc.core.deps.hardware.close();
  await w.close();
});

const open = (individualId = AMINA_UIN, session = officer) =>
  tc.call('assisted.open', { individualIdType: 'UIN', individualId, programId, consent: true }, session);

describe('officers', () => {
  it('a partner admin creates an officer; only officers reach the assisted methods', async () => {
    expect((await tc.call('session.me', {}, officer)).roles).toEqual(['REGISTRATION_OFFICER']);
    expect(
      (
        await tc.fail(
          'registrationOfficers.create',
          {
            firstName: 'A',
            lastName: 'B',
            email: 'x@y.example',
            username: 'officer1',
            password: 'Off1cer-Secret!',
            lang: 'en',
          },
          admin,
        )
      ).code,
    ).toBe('PMS_PRT_051');
    expect(
      (
        await tc.fail(
          'registrationOfficers.create',
          {
            firstName: 'A',
            lastName: 'B',
            email: 'z@y.example',
            username: 'officer9',
            password: 'short',
            lang: 'en',
          },
          admin,
        )
      ).code,
    ).toBe('PD_PWD_001');
    expect(
      (
        await tc.fail(
          'registrationOfficers.create',
          {
            firstName: 'A',
            lastName: 'B',
            email: 'z@y.example',
            username: 'officer9',
            password: 'Off1cer-Secret!',
            lang: 'en',
          },
          officer,
        )
      ).code,
    ).toBe('PD_AUTH_004');
    expect((await tc.fail('assisted.list', {}, admin)).code).toBe('PD_AUTH_004');
    expect((await tc.fail('sbi.discover', { refresh: true }, officer)).code).toBe('PD_AUTH_004');
    expect((await tc.call('assisted.settings', {}, officer)).modalities).toEqual([
      { modality: 'Finger', threshold: 30, maxAttempts: 3 },
    ]);
  });
});

describe('opening an assisted application', () => {
  it('needs consent, a valid UIN/VID and an open program with a form; works without the ID service', async () => {
    const base = {
      individualIdType: 'UIN',
      individualId: AMINA_UIN,
      programId,
      consent: true,
    } as const;
    expect((await tc.fail('assisted.open', { ...base, consent: false }, officer)).code).toBe('PD_ASR_004');
    expect(
      (
        await tc.fail(
          'assisted.open',
          // The last two digits swapped: Verhoeff catches neighbours swapped.
          { ...base, individualId: AMINA_UIN.slice(0, 8) + AMINA_UIN[9] + AMINA_UIN[8] },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_005');
    expect((await tc.fail('assisted.open', { ...base, individualId: '1' + AMINA_UIN.slice(1) }, officer)).code).toBe(
      'PD_ASR_005',
    );
    expect((await tc.fail('assisted.open', { ...base, individualIdType: 'VID' }, officer)).code).toBe('PD_ASR_005');
    expect((await tc.fail('assisted.open', { ...base, individualIdType: 'HANDLE' }, officer)).code).toBe('PMS_COR_002');
    expect((await tc.fail('assisted.open', { ...base, programId: 'nope' }, officer)).code).toBe('PD_SSP_001');
    expect((await tc.fail('assisted.open', { ...base, extra: 1 }, officer)).code).toBe('PMS_COR_002');
    const a = await open();
    expect(a).toMatchObject({
      state: 'draft',
      individualId: AMINA_UIN,
      programName: 'Cash transfer',
      attempts: [],
      captured: [],
    });
    // the test's program, besides the demo's open programs with a form
    expect((await tc.call('assisted.programs', {}, officer)).data.map((p) => p.name)).toContain('Cash transfer');
    // another officer's application is not theirs to see
    expect((await tc.fail('assisted.get', { assistedId: a.assistedId }, other)).code).toBe('PD_ASR_006');
  });
});

describe('the device, before any capture', () => {
  it('a device whose signed information does not verify is refused with its reason, and nothing is captured', async () => {
    const a = await open();
    expect(
      (await tc.call('assisted.devices', { refresh: true }, officer)).devices.every((d) => d.refusal === null),
    ).toBe(true);
    await tc.call('virtualSbi.control', { action: 'fault', fault: 'bad-signature' }, admin);
    const devices = (await tc.call('assisted.devices', { refresh: true }, officer)).devices;
    expect(devices.map((d) => d.deviceId).sort()).toEqual(['4', '5', '6']);
    expect(devices.every((d) => d.refusal?.code === 'PD_ASR_002')).toBe(true);
    const refused = await tc.fail(
      'assisted.capture',
      { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(refused.code).toBe('PD_ASR_002');
    expect(refused.params?.reason).toMatch(/SBI_/);
    expect((await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).attempts).toEqual([]);
    await tc.call('virtualSbi.control', { action: 'fault', fault: null }, admin);
    expect(
      (await tc.call('assisted.devices', { refresh: true }, officer)).devices.every((d) => d.refusal === null),
    ).toBe(true);
  });

  it('a Busy or Not Ready device is refused before capture; a Registration device or an unknown id is not an Auth device', async () => {
    const a = await open();
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '4', status: 'Busy' }, admin);
    const busy = await tc.fail(
      'assisted.capture',
      { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(busy.code).toBe('PD_ASR_003');
    expect(busy.params?.reason).toMatch(/Busy/);
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '4', status: 'Not Ready' }, admin);
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_003');
    await tc.call('virtualSbi.control', { action: 'status', deviceId: '4', status: 'Ready' }, admin);
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: a.assistedId, port, deviceId: '2', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_001');
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: a.assistedId, port, deviceId: '99', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_001');
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: a.assistedId, port: 22, deviceId: '4', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_HW_001');
    expect(
      (await tc.fail('assisted.capture', { assistedId: a.assistedId, port, deviceId: '6', modality: 'Face' }, officer))
        .code,
    ).toBe('PD_ASR_008');
    expect((await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).attempts).toEqual([]);
  });

  it('a capture that times out says so and counts no attempt; the next one works', async () => {
    const a = await open();
    await tc.call('virtualSbi.control', { action: 'delay', delayMs: 5000 }, admin);
    const late = await tc.fail(
      'assisted.capture',
      { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(late.code).toBe('PD_ASR_010');
    await tc.call('virtualSbi.control', { action: 'delay', delayMs: 0 }, admin);
    expect((await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).attempts).toEqual([]);
    const ok = await tc.call(
      'assisted.capture',
      { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(ok.attempt).toMatchObject({
      modality: 'Finger',
      attempt: 1,
      passed: true,
      threshold: 30,
      deviceSerial: 'PDVFSING0001',
    });
  }, 30_000);
});

describe('capture and authentication', () => {
  it('quality below the threshold is shown; at most 3 attempts; exceptions skip missing fingers', async () => {
    const a = await open();
    await tc.call(
      'assisted.setExceptions',
      { assistedId: a.assistedId, exceptions: ['Right IndexFinger', 'Left Thumb'] },
      officer,
    );
    expect(
      (await tc.fail('assisted.setExceptions', { assistedId: a.assistedId, exceptions: ['Sixth Finger'] }, officer))
        .code,
    ).toBe('PMS_COR_002');
    expect(
      (
        await tc.fail(
          'assisted.capture',
          {
            assistedId: a.assistedId,
            port,
            deviceId: '4',
            modality: 'Finger',
            bioSubType: 'Right IndexFinger',
          },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_008');
    await tc.call('virtualSbi.control', { action: 'quality', deviceId: '4', quality: 20 }, admin);
    const low = await tc.call(
      'assisted.capture',
      { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(low.attempt).toMatchObject({
      attempt: 1,
      quality: 20,
      passed: false,
      bioSubType: 'Left IndexFinger',
    });
    await tc.call('virtualSbi.control', { action: 'quality', deviceId: '4', quality: 80 }, admin);
    expect(
      (
        await tc.call(
          'assisted.capture',
          { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
          officer,
        )
      ).attempt,
    ).toMatchObject({ attempt: 2, quality: 80, passed: true });
    await tc.call('assisted.capture', { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' }, officer);
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_009');
    expect((await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).captured).toEqual(['Finger']);
  }, 30_000);

  it('a match stores the claims, fills the form; the officer submits; the program admin sees it assisted', async () => {
    const a = await open();
    expect((await tc.fail('assisted.authenticate', { assistedId: a.assistedId }, officer)).code).toBe('PD_ASR_017');
    expect((await tc.fail('assisted.form', { assistedId: a.assistedId }, officer)).code).toBe('PD_ASR_007');
    await tc.call('assisted.capture', { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' }, officer);
    // what goes to the service: the device's items (encrypted by the device), never a plain record
    const items = keptItems(a.assistedId);
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0]!).sort()).toEqual(['data', 'hash', 'sessionKey', 'specVersion', 'thumbprint']);
    const transactionId = tc.core.db.reader
      .prepare('SELECT transaction_id FROM assisted_application WHERE id = ?')
      .pluck()
      .get(a.assistedId) as string;
    expect(transactionId).toMatch(/^[A-Za-z0-9]{10}$/);
    const done = await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer);
    expect(done).toMatchObject({ state: 'authenticated', captured: [] });
    expect(ida.answered.at(-1)).toBe('');
    // the service saw this transaction from the demo desk partner (its replay memory)
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM ida_transaction WHERE partner_id = 'demo-registration-office' AND transaction_id = ?",
        transactionId,
      ),
    ).toBe(1);
    const form = await tc.call('assisted.form', { assistedId: a.assistedId }, officer);
    expect(form.prefill).toEqual({
      name: 'Amina Diallo',
      email: 'amina.diallo@example.org',
      phone: '+221771234567',
    });
    expect(
      (await tc.fail('assisted.submit', { assistedId: a.assistedId, data: { name: 'Amina Diallo' } }, officer)).code,
    ).toBe('PD_SSP_005');
    await tc.call(
      'assisted.saveDraft',
      { assistedId: a.assistedId, data: { name: 'Amina Diallo', region: 'north' } },
      officer,
    );
    expect((await tc.call('assisted.form', { assistedId: a.assistedId }, officer)).draft).toEqual({
      name: 'Amina Diallo',
      region: 'north',
    });
    const submitted = await tc.call(
      'assisted.submit',
      { assistedId: a.assistedId, data: { ...GOOD_ANSWERS, nationalId: AMINA_UIN } },
      officer,
    );
    expect(submitted.state).toBe('submitted');
    const app = await tc.call('applications.get', { applicationId: submitted.applicationId! }, admin);
    expect(app).toMatchObject({
      state: 'active',
      registrantName: 'Amina Diallo',
      assistedBy: { officerId: 'officer1', officerName: 'Oumar officer1' },
    });
    expect((await tc.fail('assisted.submit', { assistedId: a.assistedId, data: GOOD_ANSWERS }, officer)).code).toBe(
      'PD_ASR_007',
    );
    // the same applicant again: the program takes one application each
    const again = await open();
    await tc.call(
      'assisted.capture',
      { assistedId: again.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    await tc.call('assisted.authenticate', { assistedId: again.assistedId }, officer);
    expect(
      (
        await tc.fail(
          'assisted.submit',
          { assistedId: again.assistedId, data: { ...GOOD_ANSWERS, nationalId: AMINA_UIN } },
          officer,
        )
      ).code,
    ).toBe('PD_SSP_006');
  }, 30_000);

  it('no match, an unknown id and a deactivated key are refused with their codes; a restart captures again', async () => {
    const topics: string[] = [];
    const off = tc.core.onEvent((e, p) => {
      if (e === 'data.changed' && 'topic' in p) topics.push(p.topic);
    });
    const karim = await open(YUSUF_UIN);
    await tc.call(
      'assisted.capture',
      { assistedId: karim.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    const nomatch = await tc.fail('assisted.authenticate', { assistedId: karim.assistedId }, officer);
    expect(nomatch).toMatchObject({ code: 'PD_ASR_011', params: { serviceCode: 'IDA-BIA-001' } });
    expect(await tc.call('assisted.get', { assistedId: karim.assistedId }, officer)).toMatchObject({
      state: 'refused',
      outcomeCode: 'PD_ASR_011',
      captured: [],
    });
    // the refusal is kept (FailAfterCommit), and the officer's screens hear of it
    expect(topics.filter((t) => t === 'assisted').length).toBeGreaterThanOrEqual(3);
    off();
    expect(
      (
        await tc.fail(
          'assisted.capture',
          { assistedId: karim.assistedId, port, deviceId: '4', modality: 'Finger' },
          officer,
        )
      ).code,
    ).toBe('PD_ASR_007');
    const restarted = await tc.call('assisted.restart', { assistedId: karim.assistedId }, officer);
    expect(restarted).toMatchObject({ state: 'draft', attempts: [] });

    const unknown = await open(OTHER_UIN);
    await tc.call(
      'assisted.capture',
      { assistedId: unknown.assistedId, port, deviceId: '4', modality: 'Finger' },
      officer,
    );
    expect(await tc.fail('assisted.authenticate', { assistedId: unknown.assistedId }, officer)).toMatchObject({
      code: 'PD_ASR_014',
      params: { serviceCode: 'IDA-MLC-018' },
    });

    await tc.call('apiKeys.deactivate', { id: 'demo-key-desk' }, admin);
    const a = await open();
    await tc.call('assisted.capture', { assistedId: a.assistedId, port, deviceId: '4', modality: 'Finger' }, officer);
    const refused = await tc.fail('assisted.authenticate', { assistedId: a.assistedId }, officer);
    expect(refused.code).toBe('PD_ASR_012');
    expect(refused.params?.serviceCode).toMatch(/^IDA-MPA-/);
    // MOSIP has no reactivation of a key; the next tests need the desk's key, so the row is restored.
    tc.core.env.writer.prepare("UPDATE partner_policy SET is_active = 1 WHERE id = 'demo-key-desk'").run();
  }, 30_000);
});

describe('offline', () => {
  /** The officer's dashboard card: applications waiting for the connection or to be captured again. */
  const card = async () =>
    (await tc.call('dashboard.summary', {}, officer)).cards.find((c) => c.id === 'assisted')?.count;
  const capture = (assistedId: string) =>
    tc.call('assisted.capture', { assistedId, port, deviceId: '4', modality: 'Finger' }, officer);

  it('queues while the ID service is down (wrapped, never passed); sent within its window when it is back', async () => {
    const before = (await card())!;
    const a = await open();
    await capture(a.assistedId);
    await ida.stop();
    const waiting = await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer);
    expect(waiting.state).toBe('waiting');
    expect(waiting.queueExpiresDateTime).toBe(new Date(tc.clock.now().getTime() + 60 * 60_000).toISOString());
    // the capture at rest is wrapped: no part of the device's JWS appears in the row
    const kept = tc.core.db.reader
      .prepare('SELECT wrapped FROM assisted_capture WHERE assisted_id = ?')
      .pluck()
      .get(a.assistedId) as Buffer;
    const data = keptItems(a.assistedId)[0]!.data.split('.')[1]!;
    expect(kept.toString('latin1')).not.toContain(data.slice(0, 24));
    expect(kept.toString('latin1')).not.toContain('"data"');
    // still down: still waiting, never authenticated
    expect((await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer)).state).toBe('waiting');
    expect((await tc.fail('assisted.form', { assistedId: a.assistedId }, officer)).code).toBe('PD_ASR_007');
    expect(await card()).toBe(before + 1);
    // back 30 s later: the request is built now and the capture is inside the service's 60 s window
    tc.clock.advance(30);
    await ida.start();
    expect((await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer)).state).toBe('authenticated');
    expect(await card()).toBe(before);
  }, 30_000);

  it('a queued capture older than the service accepts is not sent: the officer is asked to capture again', async () => {
    const before = (await card())!;
    const a = await open();
    await capture(a.assistedId);
    await ida.stop();
    expect((await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer)).state).toBe('waiting');
    tc.clock.advance(61);
    await ida.start();
    const answered = ida.answered.length;
    const stale = await tc.fail('assisted.authenticate', { assistedId: a.assistedId }, officer);
    expect(stale).toMatchObject({ code: 'PD_ASR_018', params: { maxAgeSeconds: '60', serviceCode: '' } });
    expect(ida.answered.length).toBe(answered); // nothing was sent
    expect(await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).toMatchObject({
      state: 'draft',
      outcomeCode: 'PD_ASR_018',
      captured: [],
      attempts: [],
      queueExpiresDateTime: null,
    });
    expect(tc.count('SELECT COUNT(*) AS n FROM assisted_capture WHERE assisted_id = ?', a.assistedId)).toBe(0);
    expect(await card()).toBe(before + 1);
    // capturing again clears the reason, and the fresh capture authenticates
    expect((await capture(a.assistedId)).application.outcomeCode).toBeNull();
    expect((await tc.call('assisted.authenticate', { assistedId: a.assistedId }, officer)).state).toBe('authenticated');
    expect(await card()).toBe(before);
  }, 30_000);

  it("a desk allowing older captures than the service: the service's IDA-MLC-001 also asks for a new capture", async () => {
    const assisted = tc.core.deps.config.assisted;
    assisted.captureMaxAgeSeconds = 600;
    try {
      const a = await open();
      await capture(a.assistedId);
      tc.clock.advance(90);
      const refused = await tc.fail('assisted.authenticate', { assistedId: a.assistedId }, officer);
      expect(refused).toMatchObject({ code: 'PD_ASR_018', params: { serviceCode: 'IDA-MLC-001' } });
      expect(ida.answered.at(-1)).toBe('IDA-MLC-001');
      expect(await tc.call('assisted.get', { assistedId: a.assistedId }, officer)).toMatchObject({
        state: 'draft',
        outcomeCode: 'PD_ASR_018',
        serviceCode: 'IDA-MLC-001',
        captured: [],
      });
    } finally {
      assisted.captureMaxAgeSeconds = 60;
    }
  }, 30_000);

  it('a queued capture is dropped after the configured time, on the core clock', async () => {
    const b = await open();
    await capture(b.assistedId);
    await ida.stop();
    await tc.call('assisted.authenticate', { assistedId: b.assistedId }, officer);
    tc.clock.advance(59 * 60);
    await runScheduledJobs(tc.core);
    // the idle session ended meanwhile; the officer signs in again and finds the queue as it was
    officer = await signIn(tc, 'officer1', 'Off1cer-Secret!');
    expect((await tc.call('assisted.get', { assistedId: b.assistedId }, officer)).state).toBe('waiting');
    tc.clock.advance(61);
    await runScheduledJobs(tc.core);
    officer = await signIn(tc, 'officer1', 'Off1cer-Secret!');
    expect(await tc.call('assisted.get', { assistedId: b.assistedId }, officer)).toMatchObject({
      state: 'draft',
      outcomeCode: 'PD_ASR_016',
      captured: [],
      attempts: [],
    });
    expect(tc.count('SELECT COUNT(*) AS n FROM assisted_capture WHERE assisted_id = ?', b.assistedId)).toBe(0);
    await ida.start();
  }, 30_000);
});

describe('audit', () => {
  it('records officer, applicant id, device serial and digital id, outcome — and never a biometric', () => {
    const events = tc.core.db.reader
      .prepare(
        'SELECT officer_id, individual_id, device_serials, digital_ids_json, outcome, service_code FROM assisted_auth_event ORDER BY time',
      )
      .all() as Array<Record<string, string>>;
    expect(events.map((e) => e.outcome)).toEqual(expect.arrayContaining(['matched', 'refused', 'queued', 'expired']));
    const matched = events.find((e) => e.outcome === 'matched')!;
    expect(matched).toMatchObject({
      officer_id: 'officer1',
      individual_id: AMINA_UIN,
      device_serials: 'PDVFSING0001',
    });
    expect(JSON.parse(matched.digital_ids_json!)).toEqual([
      expect.objectContaining({
        serialNo: 'PDVFSING0001',
        type: 'Finger',
        deviceSubType: 'Single',
      }),
    ]);
    expect(sentData.length).toBeGreaterThan(1);
    const sent = sentData;
    const dump = JSON.stringify([
      tc.core.db.reader.prepare('SELECT * FROM app_audit_log').all(),
      tc.core.db.reader.prepare('SELECT * FROM outbox').all(),
      tc.core.db.reader.prepare('SELECT * FROM assisted_auth_event').all(),
      tc.core.db.reader.prepare('SELECT * FROM assisted_attempt').all(),
    ]);
    expect(dump).not.toMatch(/bioValue|sessionKey/);
    for (const fragment of sent) expect(dump).not.toContain(fragment);
    expect(
      tc.count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'assisted.capture' AND result = 'failure' AND error_code = 'PD_ASR_002'",
      ),
    ).toBeGreaterThan(0);
  });
});
