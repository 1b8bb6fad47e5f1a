import { describe, expect, it } from 'vitest';
import { deviceQuery, parseDeviceQuery, subIdsOf, typeText } from '../../renderer/src/lib/sbiDevice.ts';
import { resolveRoute } from '../../renderer/src/router/routes.ts';
import { HARDWARE_ROUTES } from '../../renderer/src/router/hardwareRoutes.ts';
import hardwareEn from '../../renderer/src/i18n/hardware.en.ts';
import hardwareFr from '../../renderer/src/i18n/hardware.fr.ts';
import hardwareAr from '../../renderer/src/i18n/hardware.ar.ts';

/** Renderer pieces of the hardware screens (issue 6) that need no browser. */
const digitalId = (deviceSubType: string) => ({
  serialNo: 'S1',
  make: 'M',
  model: 'X',
  type: 'Finger',
  deviceSubType,
  deviceProvider: 'P',
  deviceProviderId: 'p',
  dateTime: '2025-01-01T00:00:00Z',
});

describe('hardware routes', () => {
  const signedIn = { setupRequired: false, signedIn: true };
  it.each(Object.entries(HARDWARE_ROUTES))(
    '%s opens %s for a partner admin, for the hardware roles its method admits, sign-in otherwise',
    (path, { screen, method }) => {
      expect(resolveRoute(path, { ...signedIn, roles: ['PARTNER_ADMIN'] })).toEqual({ screen });
      const chips = method === 'hardware.ftm.read';
      expect(resolveRoute(path, { ...signedIn, roles: [chips ? 'FTM_PROVIDER' : 'DEVICE_PROVIDER'] })).toEqual({
        screen,
      });
      expect(resolveRoute(path, { ...signedIn, roles: ['AUTH_PARTNER'] })).toEqual({
        screen: 'notAllowed',
      });
      expect(resolveRoute(path, { ...signedIn, signedIn: false, roles: [] })).toEqual({
        redirect: '/login',
      });
    },
  );
});

describe('device query', () => {
  it('round-trips a device, ids with reserved characters included', () => {
    const id = 'FP slap/1&x=2#?';
    expect(parseDeviceQuery(new URLSearchParams(deviceQuery(4501, id)))).toEqual({
      port: 4501,
      deviceId: id,
    });
  });

  it('refuses ports outside 1–65535 and anything not a plain number', () => {
    for (const bad of ['', '0', '65536', '-1', '4501.5', '1e3', ' 4501', 'abc', '0x1195', '999999']) {
      expect(parseDeviceQuery(new URLSearchParams({ port: bad, deviceId: 'd' })).port, bad).toBeNull();
    }
    expect(parseDeviceQuery(new URLSearchParams({ port: '65535', deviceId: '  d1  ' }))).toEqual({
      port: 65535,
      deviceId: 'd1',
    });
    expect(parseDeviceQuery(new URLSearchParams())).toEqual({ port: null, deviceId: '' });
  });
});

describe('subtype helpers', () => {
  it('offers the STREAM sub-ids of the subtype (sbi.md §1.9)', () => {
    expect(subIdsOf({ subTypes: [], digitalId: digitalId('Slap'), deviceSubIds: [] })).toEqual(['1', '2', '3']);
    expect(subIdsOf({ subTypes: ['Double'], digitalId: null, deviceSubIds: [] })).toEqual(['1', '2', '3']);
    expect(subIdsOf({ subTypes: [], digitalId: digitalId('Full face'), deviceSubIds: [] })).toEqual(['0']);
    expect(subIdsOf({ subTypes: ['Single'], digitalId: null, deviceSubIds: [] })).toEqual(['0']);
    // what the device reports wins over the guess
    expect(subIdsOf({ subTypes: ['Slap'], digitalId: null, deviceSubIds: ['1', '2'] })).toEqual(['1', '2']);
    expect(subIdsOf(undefined)).toEqual(['1']);
  });

  it('names type and subtype from discovery, else from the digital id', () => {
    expect(typeText({ type: 'Finger', subTypes: ['Slap'], digitalId: null })).toBe('Finger / Slap');
    expect(typeText({ type: 'Finger', subTypes: [], digitalId: digitalId('Single') })).toBe('Finger / Single');
    expect(typeText({ type: 'Face', subTypes: [], digitalId: null })).toBe('Face');
  });
});

describe('hardware strings', () => {
  // The type-check makes fr and ar have every key; this makes them keep every {{placeholder}}.
  const leaves = (o: object, prefix = ''): [string, string][] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
    );
  const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  const en = new Map(leaves(hardwareEn));

  it.each([
    ['fr', hardwareFr],
    ['ar', hardwareAr],
  ] as const)('%s keeps the placeholders of every English string and leaves none empty', (_lang, bundle) => {
    const other = leaves(bundle);
    expect(other.map(([k]) => k).sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe('');
      expect(vars(text), key).toEqual(vars(en.get(key) ?? ''));
    }
  });
});
