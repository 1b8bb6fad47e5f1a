/**
 * MOSIP's UIN check at the desk (Verhoeff), and the demo's identities pass it: a demo whose own
 * ids fail the desk's check could never open an assisted application.
 */
import { describe, expect, it } from 'vitest';
import { checkIndividualId, verhoeffDigit, verhoeffValid } from '../../main/core/assisted/individual-id.ts';
import { DEMO_IDA_PEOPLE } from '../../main/core/demo/ida.ts';
import { DEMO_IDENTITIES } from '../../main/hosts/shared/oidc/demo-provider.ts';

describe('Verhoeff check digit', () => {
  it('accepts the known valid example and refuses one mistyped digit and two swapped neighbours', () => {
    // 236 → check digit 3 is the textbook example of Verhoeff's scheme.
    expect(verhoeffDigit('236')).toBe('3');
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    expect(verhoeffValid('3263')).toBe(false);
  });

  it('a UIN is 10 digits not starting with 0 or 1, with the check digit last', () => {
    const uin = '501234567' + verhoeffDigit('501234567');
    expect(checkIndividualId('UIN', uin)).toBe(uin);
    expect(checkIndividualId('UIN', ` ${uin.slice(0, 5)} ${uin.slice(5)} `)).toBe(uin);
    for (const bad of [uin.slice(0, 9), '1' + uin.slice(1), uin.slice(0, 8) + uin[9] + uin[8], 'A' + uin.slice(1)])
      expect(() => checkIndividualId('UIN', bad)).toThrow(expect.objectContaining({ code: 'PD_ASR_005' }));
    expect(() => checkIndividualId('VID', uin)).toThrow(expect.objectContaining({ code: 'PD_ASR_005' }));
  });
});

describe('demo identities', () => {
  it('the ID service and the demo ID provider use the same ids, each a valid UIN', () => {
    for (const p of DEMO_IDA_PEOPLE) expect(checkIndividualId('UIN', p.individualId)).toBe(p.individualId);
    const provider = DEMO_IDENTITIES.flatMap((p) => (p.individualId ? [p.individualId] : []));
    expect(provider.length).toBeGreaterThan(0);
    for (const id of provider) expect(DEMO_IDA_PEOPLE.map((p) => p.individualId)).toContain(id);
  });
});
