import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDA_PEOPLE } from '../../main/core/demo/ida.ts';
import { signIn } from '../helpers/core.ts';
import { idaWorld } from '../helpers/ida.ts';
import type { IdaWorld } from '../helpers/ida.ts';
import { APPLICATION_FORM, GOOD_ANSWERS } from '../helpers/portal-forms.ts';

/**
 * The officer's flow against the real ID service of the server host (loopback HTTP, the desk's
 * IDA client, the virtual SBI encrypting to the service's IDA-FIR certificate): a match fills the
 * form; a deactivated API key is refused at once. Amina is the demo's enrolled identity.
 */
const AMINA = DEMO_IDA_PEOPLE[0].individualId;
let w: IdaWorld;
let admin: string;
let officer: string;
let programId: string;

beforeAll(async () => {
  w = await idaWorld([46780, 46799]);
  admin = await signIn(w.tc, 'admin', w.password);
  await w.tc.call('programAdmins.grant', { userId: 'admin' }, admin);
  const form = await w.tc.call(
    'portalForms.create',
    {
      title: 'Cash transfer',
      schema: structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown>,
    },
    admin,
  );
  programId = (await w.tc.call('programs.create', { name: 'Assisted cash transfer' }, admin)).programId;
  await w.tc.call('programs.mapForm', { programId, formId: form.formId, multipleSubmissions: true }, admin);
  await w.tc.call(
    'registrationOfficers.create',
    {
      firstName: 'Oumar',
      lastName: 'Sy',
      email: 'oumar@registry.example',
      username: 'officer1',
      password: 'Off1cer-Secret!',
      lang: 'fr',
    },
    admin,
  );
  officer = await signIn(w.tc, 'officer1', 'Off1cer-Secret!');
}, 120_000);
afterAll(async () => {
  await w.tc.core.deps.hardware.close();
  await w.close();
});

async function captured() {
  const a = await w.tc.call(
    'assisted.open',
    { individualIdType: 'UIN', individualId: AMINA, programId, consent: true },
    officer,
  );
  await w.tc.call(
    'assisted.capture',
    { assistedId: a.assistedId, port: w.sbiPort, deviceId: '4', modality: 'Finger' },
    officer,
  );
  return a.assistedId;
}

describe('assisted registration with the real ID service', () => {
  it('match → the consented claims fill the form → submitted, seen by the program admin as assisted', async () => {
    expect((await w.tc.call('assisted.settings', {}, officer)).idServiceConfigured).toBe(true);
    const id = await captured();
    const done = await w.tc.call('assisted.authenticate', { assistedId: id }, officer);
    expect(done.state).toBe('authenticated');
    const form = await w.tc.call('assisted.form', { assistedId: id }, officer);
    expect(form.prefill).toMatchObject({ name: 'Amina Diallo', email: 'amina.diallo@example.org' });
    const submitted = await w.tc.call(
      'assisted.submit',
      { assistedId: id, data: { ...GOOD_ANSWERS, nationalId: AMINA } },
      officer,
    );
    const app = await w.tc.call('applications.get', { applicationId: submitted.applicationId! }, admin);
    expect(app.assistedBy).toEqual({ officerId: 'officer1', officerName: 'Oumar Sy' });
  }, 60_000);

  it("the desk's API key deactivated by the admin is refused at once", async () => {
    const id = await captured();
    await w.tc.call('apiKeys.deactivate', { id: 'demo-key-desk' }, admin);
    const refused = await w.tc.fail('assisted.authenticate', { assistedId: id }, officer);
    expect(refused.code).toBe('PD_ASR_012');
    expect(refused.params?.serviceCode).toMatch(/^IDA-MPA-/);
    expect((await w.tc.call('assisted.get', { assistedId: id }, officer)).state).toBe('refused');
  }, 60_000);
});
