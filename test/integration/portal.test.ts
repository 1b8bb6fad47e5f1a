import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TestClock, signIn, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AMINA, KARIM, browserSignIn, testProvider } from '../helpers/oidc.ts';
import type { TestProvider } from '../helpers/oidc.ts';
import { APPLICATION_FORM, GOOD_ANSWERS } from '../helpers/portal-forms.ts';

/**
 * The portal's rules through the contract, one core for the file: programs, versioned Form.io
 * forms, mapping, drafts, submissions checked against the form, review with a reason the
 * applicant reads, re-applying, enrolment, demographics. Applicants sign in through the real
 * provider; the core's clock starts at the system's (the provider's).
 */
let provider: TestProvider;
let tc: TestCore;
let admin: string;
let amina: string;
let karim: string;
const schema = () => structuredClone(APPLICATION_FORM) as unknown as Record<string, unknown>;

async function applicant(who: typeof AMINA): Promise<string> {
  const { authorizationUrl } = await tc.call('portal.signIn.begin', {});
  const answer = await browserSignIn(authorizationUrl, who);
  return (await tc.call('portal.signIn.complete', answer as { state: string })).token;
}

beforeAll(async () => {
  provider = await testProvider();
  tc = testCore({ config: { portal: provider.portal }, clock: new TestClock(new Date()) });
  await tc.call('setup.createAdmin', ADMIN);
  admin = await signIn(tc, 'admin', ADMIN.password);
  expect((await tc.fail('programs.list', {}, admin)).code).toBe('PD_AUTH_004');
  expect(await tc.call('programAdmins.grant', { userId: 'admin' }, admin)).toEqual({
    userId: 'admin',
    roles: ['PARTNER_ADMIN', 'POLICYMANAGER', 'PROGRAM_ADMIN'],
  });
  amina = await applicant(AMINA);
  karim = await applicant(KARIM);
});
afterAll(async () => {
  tc.close();
  await provider.op.close();
});

const count = (sql: string, ...p: unknown[]) => tc.count(sql, ...p);

describe('programs', () => {
  it('creates, edits, ends and re-activates a program; refuses bad dates and duplicate names', async () => {
    const p = await tc.call(
      'programs.create',
      {
        name: 'Winter support',
        description: 'Heating aid',
        startDate: '2026-01-01',
        endDate: '2030-12-31',
      },
      admin,
    );
    expect(p).toMatchObject({
      name: 'Winter support',
      state: 'active',
      targetType: 'individual',
      formId: null,
      multipleSubmissions: false,
      applicationCount: 0,
    });
    expect((await tc.fail('programs.create', { name: 'winter SUPPORT' }, admin)).code).toBe('PD_SSP_018');
    expect(
      (await tc.fail('programs.create', { name: 'Backwards', startDate: '2026-05-01', endDate: '2026-04-01' }, admin))
        .code,
    ).toBe('PD_SSP_017');
    expect((await tc.fail('programs.create', { name: 'Bad day', startDate: '2026-02-30' }, admin)).code).toBe(
      'PMS_COR_002',
    );
    const edited = await tc.call(
      'programs.update',
      {
        programId: p.programId,
        name: 'Winter support 2026',
        description: 'Heating aid',
        startDate: '2026-01-01',
        endDate: null,
      },
      admin,
    );
    expect(edited).toMatchObject({ name: 'Winter support 2026', endDate: null });
    const ended = await tc.call('programs.setState', { programId: p.programId, state: 'ended' }, admin);
    expect(ended.state).toBe('ended');
    expect(ended.endedDateTime).not.toBeNull();
    expect((await tc.fail('programs.setState', { programId: p.programId, state: 'ended' }, admin)).code).toBe(
      'PD_SSP_008',
    );
    expect(
      (await tc.call('programs.setState', { programId: p.programId, state: 'active' }, admin)).endedDateTime,
    ).toBeNull();
    expect((await tc.fail('programs.get', { programId: 'nope' }, admin)).code).toBe('PD_SSP_001');
    expect(
      count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'programs.create' AND result = 'failure'"),
    ).toBe(3);
  });

  it('lists with filters, sorting and MOSIP paging rules in SQL', async () => {
    for (const n of ['Alpha grant', 'Beta grant', 'Gamma voucher'])
      await tc.call('programs.create', { name: n }, admin);
    const grants = await tc.call('programs.list', { name: 'GRANT', sortFieldName: 'name', sortType: 'asc' }, admin);
    expect(grants.data.map((r) => r.name)).toEqual(['Alpha grant', 'Beta grant']);
    expect(grants.totalResults).toBe(2);
    const page = await tc.call(
      'programs.list',
      { pageSize: 1, pageNo: 1, sortFieldName: 'name', sortType: 'asc' },
      admin,
    );
    expect(page.data.map((r) => r.name)).toEqual(['Beta grant']);
    expect((await tc.call('programs.list', { state: 'ended' }, admin)).totalResults).toBe(0);
    expect((await tc.call('programs.list', { formMapped: true }, admin)).totalResults).toBe(0);
    expect((await tc.fail('programs.list', { pageSize: 0 }, admin)).code).toBe('PMS_PRT_361');
    expect((await tc.fail('programs.list', { pageNo: -1 }, admin)).code).toBe('PMS_PRT_360');
    expect((await tc.fail('programs.list', { sortFieldName: 'description' }, admin)).code).toBe('PMS_PRT_357');
    expect((await tc.fail('programs.list', { sortType: 'up' }, admin)).code).toBe('PMS_PRT_358');
  });
});

describe('portal forms', () => {
  it('refuses a form the server cannot enforce, storing nothing', async () => {
    const before = count('SELECT COUNT(*) AS n FROM portal_form');
    const err = await tc.fail(
      'portalForms.create',
      {
        title: 'Scripted',
        schema: {
          components: [{ type: 'textfield', key: 'a', validate: { custom: 'valid = true' } }],
        },
      },
      admin,
    );
    expect(err).toMatchObject({ code: 'PD_SSP_009', fields: { a: 'PD_SSP_009' } });
    expect(count('SELECT COUNT(*) AS n FROM portal_form')).toBe(before);
  });

  it('edits an unused form in place, and a form in use only as a new version', async () => {
    const f = await tc.call('portalForms.create', { title: 'Draft form', schema: schema() }, admin);
    expect(f).toMatchObject({ version: 1, inUse: false, superseded: false });
    const same = await tc.call(
      'portalForms.update',
      { formId: f.formId, title: 'Household form', schema: schema() },
      admin,
    );
    expect(same).toMatchObject({ formId: f.formId, version: 1, title: 'Household form' });
    const p = await tc.call('programs.create', { name: 'Form versions' }, admin);
    await tc.call('programs.mapForm', { programId: p.programId, formId: f.formId, multipleSubmissions: false }, admin);
    const v2 = await tc.call(
      'portalForms.update',
      { formId: f.formId, title: 'Household form v2', schema: schema() },
      admin,
    );
    expect(v2).toMatchObject({ formKey: f.formId, version: 2, inUse: false });
    expect(v2.formId).not.toBe(f.formId);
    const v1 = await tc.call('portalForms.get', { formId: f.formId }, admin);
    expect(v1).toMatchObject({ title: 'Household form', inUse: true, superseded: true });
    expect(
      (await tc.fail('portalForms.update', { formId: f.formId, title: 'Edit old', schema: schema() }, admin)).code,
    ).toBe('PD_SSP_008');
    expect((await tc.call('programs.get', { programId: p.programId }, admin)).formVersion).toBe(1);
    const latest = await tc.call('portalForms.list', { title: 'household' }, admin);
    expect(latest.data.map((r) => r.version)).toEqual([2]);
    expect((await tc.call('portalForms.list', { title: 'household', latestOnly: false }, admin)).totalResults).toBe(2);
    expect(
      (
        await tc.fail(
          'programs.mapForm',
          { programId: p.programId, formId: 'missing', multipleSubmissions: false },
          admin,
        )
      ).code,
    ).toBe('PD_SSP_004');
  });
});

describe('applying, review and follow-up', () => {
  let programId: string;

  beforeAll(async () => {
    const f = await tc.call('portalForms.create', { title: 'Cash transfer form', schema: schema() }, admin);
    programId = (await tc.call('programs.create', { name: 'Cash transfer', description: 'Monthly support' }, admin))
      .programId;
    await tc.call('programs.mapForm', { programId, formId: f.formId, multipleSubmissions: false }, admin);
  });

  it('shows the open program, the form auto-filled from the consented claims, and keeps a draft', async () => {
    const list = await tc.call('portal.programs', { name: 'cash' }, amina);
    expect(list.data).toEqual([
      expect.objectContaining({
        programId,
        canApply: true,
        hasApplied: false,
        membershipState: null,
        isFormMapped: true,
      }),
    ]);
    const form = await tc.call('portal.form', { programId }, amina);
    expect(form.prefill).toEqual({
      name: 'Amina Diallo',
      email: AMINA.email,
      phone: AMINA.phone_number,
      nationalId: AMINA.individualId,
    });
    expect(form.draft).toBeNull();
    const draft = await tc.call(
      'portal.saveDraft',
      { programId, data: { name: 'Amina Diallo', householdSize: 3 } },
      amina,
    );
    expect(draft).toMatchObject({ state: 'draft', submittedDateTime: null });
    expect((await tc.call('portal.form', { programId }, amina)).draft).toEqual({
      name: 'Amina Diallo',
      householdSize: 3,
    });
    expect((await tc.fail('portal.saveDraft', { programId, data: { householdSize: 'three' } }, amina)).fields).toEqual({
      householdSize: 'type',
    });
  });

  it('refuses a submission that violates the form, naming the fields; the draft stays as it was', async () => {
    const err = await tc.fail(
      'portal.submit',
      { programId, data: { ...GOOD_ANSWERS, nationalId: '12', region: 'east', extra: 1 } },
      amina,
    );
    expect(err).toMatchObject({
      code: 'PD_SSP_005',
      fields: { nationalId: 'pattern', region: 'select', extra: 'unknown' },
    });
    expect(count("SELECT COUNT(*) AS n FROM application WHERE state <> 'draft'")).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM program_membership')).toBe(0);
    expect((await tc.call('portal.form', { programId }, amina)).draft).toEqual({
      name: 'Amina Diallo',
      householdSize: 3,
    });
  });

  it('submits (the draft becomes the application), and refuses a second one where one is allowed', async () => {
    const app = await tc.call('portal.submit', { programId, data: { ...GOOD_ANSWERS, submit: true } }, amina);
    expect(app).toMatchObject({
      state: 'active',
      membershipState: 'draft',
      rejectReason: null,
      data: GOOD_ANSWERS,
    });
    expect(app.applicationId).toMatch(/^\d{6}\d{5,}$/);
    expect(count("SELECT COUNT(*) AS n FROM application WHERE state = 'draft'")).toBe(0);
    const mine = await tc.call('portal.programs', { name: 'cash' }, amina);
    expect(mine.data[0]).toMatchObject({
      hasApplied: true,
      canApply: false,
      membershipState: 'draft',
      lastApplicationState: 'active',
    });
    expect((await tc.fail('portal.submit', { programId, data: GOOD_ANSWERS }, amina)).code).toBe('PD_SSP_006');
    expect((await tc.fail('portal.saveDraft', { programId, data: {} }, amina)).code).toBe('PD_SSP_006');
  });

  it('lets the program admin reject with a reason the applicant reads, then re-apply where allowed', async () => {
    const [app] = (await tc.call('applications.list', { programId }, admin)).data;
    expect(app).toMatchObject({ registrantName: 'Amina Diallo', state: 'active' });
    expect(
      (await tc.fail('applications.reject', { applicationId: app!.applicationId, reason: '   ' }, admin)).code,
    ).toBe('PMS_COR_002');
    const rejected = await tc.call(
      'applications.reject',
      {
        applicationId: app!.applicationId,
        reason: 'The household lives outside the program area.',
      },
      admin,
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      rejectReason: 'The household lives outside the program area.',
    });
    expect(
      (await tc.fail('applications.reject', { applicationId: app!.applicationId, reason: 'again' }, admin)).code,
    ).toBe('PD_SSP_008');
    const seen = await tc.call('portal.application', { applicationId: app!.applicationId }, amina);
    expect(seen).toMatchObject({
      state: 'rejected',
      rejectReason: 'The household lives outside the program area.',
    });
    // another applicant learns nothing about it
    expect((await tc.fail('portal.application', { applicationId: app!.applicationId }, karim)).code).toBe('PD_SSP_007');
    // one application per person: still refused
    expect((await tc.fail('portal.submit', { programId, data: GOOD_ANSWERS }, amina)).code).toBe('PD_SSP_006');
    await tc.call(
      'programs.mapForm',
      {
        programId,
        formId: (await tc.call('programs.get', { programId }, admin)).formId,
        multipleSubmissions: true,
      },
      admin,
    );
    const again = await tc.call('portal.submit', { programId, data: { ...GOOD_ANSWERS, householdSize: 5 } }, amina);
    expect(again.applicationId).not.toBe(app!.applicationId);
    const history = await tc.call('portal.applications', {}, amina);
    expect(history.data.map((a) => a.state)).toEqual(['active', 'rejected']);
  });

  it('enrolls: membership enrolled, application in progress, listed among the enrolled programs', async () => {
    const { data } = await tc.call('applications.list', { programId, state: 'active' }, admin);
    const enrolled = await tc.call('applications.enroll', { applicationId: data[0]!.applicationId }, admin);
    expect(enrolled).toMatchObject({ state: 'inprogress', membershipState: 'enrolled' });
    expect((await tc.fail('applications.enroll', { applicationId: data[0]!.applicationId }, admin)).code).toBe(
      'PD_SSP_008',
    );
    expect((await tc.call('portal.programs', { enrolledOnly: true }, amina)).data.map((p) => p.name)).toEqual([
      'Cash transfer',
    ]);
    expect((await tc.call('portal.programs', { enrolledOnly: true }, karim)).totalResults).toBe(0);
  });

  it('opens an application for review: the answers with the form they answered, the status history, the reason', async () => {
    const apps = (
      await tc.call('applications.list', { programId, sortFieldName: 'submittedDateTime', sortType: 'asc' }, admin)
    ).data;
    const rejected = apps.find((a) => a.state === 'rejected')!;
    const review = await tc.call('applications.get', { applicationId: rejected.applicationId }, admin);
    expect(review.form).toMatchObject({ formId: rejected.formId, title: expect.any(String) });
    expect(review.form.schema).toEqual((await tc.call('portalForms.get', { formId: rejected.formId }, admin)).schema);
    expect(review.data).toMatchObject({ householdSize: GOOD_ANSWERS.householdSize, nationalId: AMINA.individualId });
    expect(review.history.map((h) => [h.state, h.by?.userId ?? null, h.reason])).toEqual([
      ['active', null, null],
      ['rejected', 'admin', 'The household lives outside the program area.'],
    ]);
    expect(review.history[0]!.dateTime).toBe(rejected.submittedDateTime);
    expect(review.history[1]!.dateTime).toBe(rejected.decidedDateTime);
    const enrolled = apps.find((a) => a.state === 'inprogress')!;
    expect(
      (await tc.call('applications.get', { applicationId: enrolled.applicationId }, admin)).history.map((h) => h.state),
    ).toEqual(['active', 'inprogress']);
    // an unknown id, a malformed one, and an applicant asking: refused, nothing learnt
    expect((await tc.fail('applications.get', { applicationId: '26010100001' }, admin)).code).toBe('PD_SSP_007');
    expect((await tc.fail('applications.get', { applicationId: 'x'.repeat(37) }, admin)).code).toBe('PMS_COR_002');
    expect((await tc.fail('applications.get', { applicationId: rejected.applicationId }, amina)).code).toBe(
      'PD_AUTH_004',
    );
  });

  it('refuses a submission to an ended program or one not yet open (PD_SSP_002), storing nothing', async () => {
    await tc.call('programs.setState', { programId, state: 'ended' }, admin);
    const before = count('SELECT COUNT(*) AS n FROM application');
    expect((await tc.fail('portal.submit', { programId, data: GOOD_ANSWERS }, karim)).code).toBe('PD_SSP_002');
    expect((await tc.fail('portal.form', { programId }, karim)).code).toBe('PD_SSP_002');
    expect((await tc.call('portal.programs', { name: 'cash' }, karim)).totalResults).toBe(0);
    await tc.call('programs.setState', { programId, state: 'active' }, admin);
    const p = await tc.call('programs.get', { programId }, admin);
    await tc.call(
      'programs.update',
      {
        programId,
        name: p.name,
        description: p.description,
        startDate: '2099-01-01',
        endDate: null,
      },
      admin,
    );
    expect((await tc.fail('portal.submit', { programId, data: GOOD_ANSWERS }, karim)).code).toBe('PD_SSP_002');
    expect(count('SELECT COUNT(*) AS n FROM application')).toBe(before);
    expect(
      count(
        "SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'portal.submit' AND result = 'failure' AND error_code = 'PD_SSP_002'",
      ),
    ).toBe(2);
  });

  it('refuses a program without a form (PD_SSP_003)', async () => {
    const bare = await tc.call('programs.create', { name: 'No form yet' }, admin);
    expect((await tc.fail('portal.submit', { programId: bare.programId, data: {} }, karim)).code).toBe('PD_SSP_003');
    expect((await tc.call('portal.programs', { name: 'no form' }, karim)).data[0]).toMatchObject({
      isFormMapped: false,
      canApply: false,
    });
  });
});

describe('application ids and demographics', () => {
  it('numbers applications by day and sequence: no two share an id', async () => {
    const f = await tc.call('portalForms.create', { title: 'Many', schema: schema() }, admin);
    const p = await tc.call('programs.create', { name: 'Many applications' }, admin);
    await tc.call('programs.mapForm', { programId: p.programId, formId: f.formId, multipleSubmissions: true }, admin);
    const ids = [];
    for (let i = 0; i < 12; i++)
      ids.push(
        (await tc.call('portal.submit', { programId: p.programId, data: GOOD_ANSWERS }, i % 2 ? amina : karim))
          .applicationId,
      );
    expect(new Set(ids).size).toBe(12);
    const iso = tc.clock.now().toISOString();
    for (const id of ids) expect(id.startsWith(`${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`)).toBe(true);
  });

  it('keeps every demographic change as a version, audited; the ID never changes', async () => {
    const before = await tc.call('portal.profile', {}, karim);
    const updated = await tc.call(
      'portal.updateProfile',
      { name: 'Karim Benali', demographics: { ...before.demographics, phone: '+212600000000' } },
      karim,
    );
    expect(updated).toMatchObject({
      version: before.version + 1,
      idValue: KARIM.individualId,
      demographics: { phone: '+212600000000' },
    });
    expect(
      count('SELECT COUNT(*) AS n FROM registrant_demographic WHERE registrant_id = ?', updated.registrantId),
    ).toBe(before.version + 1);
    expect(
      count("SELECT COUNT(*) AS n FROM app_audit_log WHERE action = 'portal.updateProfile' AND result = 'success'"),
    ).toBe(1);
    expect((await tc.fail('portal.updateProfile', { name: '', demographics: {} }, karim)).code).toBe('PMS_COR_002');
    expect((await tc.call('portal.profile', {}, karim)).version).toBe(before.version + 1);
  });
});
