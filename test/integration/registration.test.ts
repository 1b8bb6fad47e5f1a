import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, partnerInput, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';

let tc: TestCore;
beforeEach(() => {
  tc = testCore();
});
afterEach(() => tc.close());

describe('first run', () => {
  it('asks for setup on an empty database, creates the admin with both admin roles, then refuses a second setup', async () => {
    expect((await tc.call('system.info', {})).setupRequired).toBe(true);
    await tc.call('setup.createAdmin', ADMIN);
    expect((await tc.call('system.info', {})).setupRequired).toBe(false);
    expect(tc.core.db.reader.prepare("SELECT role FROM user_role WHERE user_id = 'admin' ORDER BY role").all()).toEqual(
      [{ role: 'PARTNER_ADMIN' }, { role: 'POLICYMANAGER' }],
    );
    expect((await tc.fail('setup.createAdmin', { ...ADMIN, username: 'other', email: 'o@x.example' })).code).toBe(
      'PD_SETUP_001',
    );
    expect(tc.count('SELECT COUNT(*) AS n FROM app_user')).toBe(1);
  });

  it('never stores the password in clear anywhere', async () => {
    await tc.call('setup.createAdmin', ADMIN);
    await tc.call('auth.register', partnerInput(1));
    const dump =
      JSON.stringify(tc.core.db.reader.prepare('SELECT * FROM app_user').all()) +
      JSON.stringify(tc.core.db.reader.prepare('SELECT * FROM outbox').all()) +
      JSON.stringify(tc.core.db.reader.prepare('SELECT * FROM app_audit_log').all());
    expect(dump).not.toContain(ADMIN.password);
    expect(dump).not.toContain('Partn3r-Pass!');
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  it('refuses a weak admin password', async () => {
    const e = await tc.fail('setup.createAdmin', { ...ADMIN, password: 'password' });
    expect(e.code).toBe('PD_PWD_001');
    expect(tc.count('SELECT COUNT(*) AS n FROM app_user')).toBe(0);
  });
});

describe('self-registration (MOSIP rules and codes)', () => {
  beforeEach(async () => {
    await tc.call('setup.createAdmin', ADMIN);
  });

  it('registers a partner as InProgress and inactive, with the role of its type', async () => {
    const out = await tc.call('auth.register', partnerInput(1, { partnerType: 'Device_Provider', lang: 'ar' }));
    expect(out).toEqual({ partnerId: 'partner-1', approvalStatus: 'InProgress' });
    const row = tc.core.db.reader
      .prepare("SELECT approval_status, is_active, partner_type_code, lang_code FROM partner WHERE id = 'partner-1'")
      .get();
    expect(row).toEqual({
      approval_status: 'InProgress',
      is_active: 0,
      partner_type_code: 'Device_Provider',
      lang_code: 'ar',
    });
    expect(tc.core.db.reader.prepare("SELECT role FROM user_role WHERE user_id = 'partner-1'").all()).toEqual([
      { role: 'DEVICE_PROVIDER' },
    ]);
  });

  it.each([
    ['PMS_PRT_066', { username: 'has space' }, 'username'],
    ['PMS_PRT_052', { username: 'x'.repeat(37) }, 'username'],
    ['PMS_PRT_012', { email: 'not-an-email' }, 'email'],
    ['PMS_PRT_012', { email: 'a@b' }, 'email'],
    ['PMS_PRT_013', { phone: '12' }, 'phone'],
    ['PMS_PRT_013', { phone: '+1234567890123456789' }, 'phone'],
    ['PMS_PRT_013', { phone: 'call me' }, 'phone'],
    ['PMS_PRT_010', { partnerType: 'Space_Partner' }, 'partnerType'],
    ['PD_PWD_001', { password: 'alllowercase1!' }, 'password'],
    ['PD_PWD_001', { password: 'Short1!' }, 'password'],
    ['PD_PWD_001', { password: 'Partner-7-Pass!', username: 'partner-7' }, 'password'],
  ] as const)('refuses with %s: %j', async (code, over, field) => {
    const e = await tc.fail('auth.register', partnerInput(7, over));
    expect(e.code).toBe(code);
    expect(e.fields?.[field]).toBeTruthy();
    expect(tc.count('SELECT COUNT(*) AS n FROM partner')).toBe(0);
  });

  it('refuses a taken partner id (any case) with PMS_PRT_051 and a taken e-mail with PMS_PRT_011', async () => {
    await tc.call('auth.register', partnerInput(1));
    expect((await tc.fail('auth.register', partnerInput(2, { username: 'PARTNER-1' }))).code).toBe('PMS_PRT_051');
    expect((await tc.fail('auth.register', partnerInput(2, { email: 'PAT1@org1.example' }))).code).toBe('PMS_PRT_011');
    expect((await tc.fail('auth.register', partnerInput(2, { username: 'admin' }))).code).toBe('PMS_PRT_051');
    expect(tc.count('SELECT COUNT(*) AS n FROM partner')).toBe(1);
  });

  it('refuses wrong types, unknown fields and unsupported languages as invalid input', async () => {
    expect((await tc.fail('auth.register', { ...partnerInput(3), lang: 'de' })).code).toBe('PMS_COR_002');
    expect((await tc.fail('auth.register', { ...partnerInput(3), isAdmin: true })).code).toBe('PMS_COR_002');
    expect((await tc.fail('auth.register', { ...partnerInput(3), firstName: 42 })).code).toBe('PMS_COR_002');
    expect((await tc.fail('auth.register', { ...partnerInput(3), firstName: '   ' })).code).toBe('PMS_COR_002');
    expect(tc.count('SELECT COUNT(*) AS n FROM partner')).toBe(0);
  });

  it('accepts every MOSIP partner type', async () => {
    const types = [
      'Auth_Partner',
      'Credential_Partner',
      'Device_Provider',
      'FTM_Provider',
      'Online_Verification_Partner',
      'ABIS_Partner',
      'Manual_Adjudication',
      'MISP_Partner',
      'SDK_Partner',
      'Print_Partner',
      'Internal_Partner',
    ];
    for (const [i, partnerType] of types.entries())
      await tc.call('auth.register', partnerInput(100 + i, { partnerType }));
    expect(tc.count('SELECT COUNT(DISTINCT partner_type_code) AS n FROM partner')).toBe(types.length);
  });
});
