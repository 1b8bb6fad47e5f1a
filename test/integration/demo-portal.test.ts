import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AMINA, browserSignIn } from '../helpers/oidc.ts';
import { startDemoSignIn } from '../../main/hosts/shared/oidc/demo-sign-in.ts';
import type { DemoProvider } from '../../main/hosts/shared/oidc/demo-provider.ts';
import { DEMO_PROGRAMS } from '../../main/core/demo/portal.ts';

/**
 * Demo mode for the portal: the seeded programs and form, and a newcomer who signs in as a demo
 * applicant at the demo's own provider (real HTTP on loopback) and applies at once. The provider
 * runs on the system clock, so the core's clock starts there too.
 */
let tc: TestCore;
let op: DemoProvider;
let password: string;
let applicant: string;

beforeAll(async () => {
  tc = testCore({ clock: new TestClock(new Date()) });
  password = (await tc.call('setup.loadDemo', {})).password;
  op = (await startDemoSignIn(tc.core, 'http://127.0.0.1:9'))!;
}, 60_000);
afterAll(async () => {
  await op?.close();
  tc.close();
});

describe('demo dataset: the self-service portal', () => {
  it('seeds open and ended programs sharing a mapped form; the demo admin administers programs', async () => {
    const admin = await signIn(tc, 'admin', password);
    const programs = (await tc.call('programs.list', {}, admin)).data;
    expect(programs.map((p) => [p.name, p.state, p.multipleSubmissions, p.formTitle]).sort()).toEqual(
      [
        ['Drought relief', 'ended', false, 'Household application'],
        ['Household cash transfer', 'active', true, 'Household application'],
        ['School meals', 'active', false, 'Household application'],
      ].sort(),
    );
    expect(programs).toHaveLength(DEMO_PROGRAMS.length);
    // the admin finds the seeded form among the portal forms
    const forms = (await tc.call('portalForms.list', {}, admin)).data;
    expect(forms.map((f) => f.title)).toEqual(['Household application']);
  });

  it('lets a newcomer sign in as a demo applicant and apply to the open program right away', async () => {
    const { authorizationUrl } = await tc.call('portal.signIn.begin', {});
    expect(new URL(authorizationUrl).origin).toBe(op.issuer);
    const answer = await browserSignIn(authorizationUrl, AMINA);
    applicant = (await tc.call('portal.signIn.complete', answer as { state: string; code: string })).token;

    const open = (await tc.call('portal.programs', {}, applicant)).data;
    expect(open.map((p) => p.name).sort()).toEqual(['Household cash transfer', 'School meals']);
    const cash = open.find((p) => p.name === 'Household cash transfer')!;
    expect(cash).toMatchObject({ canApply: true, isFormMapped: true, multipleSubmissions: true });

    const form = await tc.call('portal.form', { programId: cash.programId }, applicant);
    expect(form.prefill).toMatchObject({ name: AMINA.name, nationalId: AMINA.individualId, email: AMINA.email });
    const submitted = await tc.call(
      'portal.submit',
      { programId: cash.programId, data: { ...form.prefill, householdSize: 3, region: 'coast' } },
      applicant,
    );
    expect(submitted.state).toBe('active');
    const again = (await tc.call('portal.programs', {}, applicant)).data.find((p) => p.programId === cash.programId)!;
    expect(again).toMatchObject({ hasApplied: true, canApply: true });
  });

  it('refuses an application to the ended program with PD_SSP_002, storing nothing', async () => {
    const admin = await signIn(tc, 'admin', password);
    const ended = (await tc.call('programs.list', {}, admin)).data.find((p) => p.name === 'Drought relief')!;
    const before = tc.count('SELECT COUNT(*) AS n FROM application');
    const refused = await tc.fail(
      'portal.submit',
      {
        programId: ended.programId,
        data: { name: AMINA.name, nationalId: AMINA.individualId, householdSize: 2, region: 'north' },
      },
      applicant,
    );
    expect(refused.code).toBe('PD_SSP_002');
    expect(tc.count('SELECT COUNT(*) AS n FROM application')).toBe(before);
  });
});
