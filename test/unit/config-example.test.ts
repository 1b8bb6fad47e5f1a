import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../main/core/config.ts';

describe('config.json', () => {
  it('the shipped example is valid', () => {
    const example: unknown = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../resources/config.example.json'), 'utf8'),
    );
    expect(parseConfig(example).smtp?.host).toBe('smtp.example.org');
  });

  it('the README example is valid and states the defaults', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const block = /Settings go in[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const fromReadme = parseConfig(JSON.parse(block!));
    const defaults = parseConfig({});
    for (const key of ['session', 'lockout', 'web', 'passwordReset'] as const)
      expect(fromReadme[key]).toEqual(defaults[key]);
  });

  it('defaults to MOSIP timings: 25 min inactivity with a prompt 5 min before', () => {
    const c = parseConfig({});
    expect(c.session).toEqual({
      inactivitySeconds: 1500,
      promptSeconds: 300,
      absoluteSeconds: 43200,
    });
    expect(c.web).toEqual({
      maxConnections: 128,
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 120,
    });
    expect(c.lockout).toEqual({
      maxFailedLogins: 5,
      lockSeconds: 900,
      adminBackoffSeconds: 2,
      adminMaxBackoffSeconds: 300,
      maxWrongCurrentPasswords: 5,
    });
    expect(c.smtp).toBeUndefined();
  });

  it("defaults a partner certificate's minimum remaining validity to keymanager's 1 year × 365 − 30 days grace, and keeps it configurable", () => {
    expect(parseConfig({}).certificates).toEqual({
      caMinValidityMonths: 12,
      mosipSignedValidityDays: 365,
      partnerMinRemainingDays: 335,
    });
    expect(parseConfig({ certificates: { partnerMinRemainingDays: 30 } }).certificates).toEqual({
      caMinValidityMonths: 12,
      mosipSignedValidityDays: 365,
      partnerMinRemainingDays: 30,
    });
    expect(parseConfig({ certificates: { partnerMinRemainingDays: 0 } }).certificates.partnerMinRemainingDays).toBe(0);
  });

  it.each([
    [{ certificates: { partnerMinRemainingDays: -1 } }, /certificates.partnerMinRemainingDays/],
    [{ certificates: { partnerMinRemainingDays: 3651 } }, /certificates.partnerMinRemainingDays/],
    [{ certificates: { partnerMinRemainingDays: 33.5 } }, /certificates.partnerMinRemainingDays/],
    [{ certificates: { partnerMinRemainingDays: '335' } }, /certificates.partnerMinRemainingDays/],
    [{ session: { inactivitySeconds: 'soon' } }, /session.inactivitySeconds/],
    [{ session: { inactivitySeconds: 60, promptSeconds: 60 } }, /promptSeconds must be less/],
    [{ smtp: { host: '', port: 25 } }, /smtp.host/],
    [{ smtp: { host: 'x', port: 70000 } }, /smtp.port/],
    [{ unknownSetting: true }, /unrecognized|Unrecognized/],
    [{ hardware: { sbiPortFrom: 4600, sbiPortTo: 4501 } }, /sbiPortFrom must not be above/],
    [{ hardware: { sbiPortTo: 0 } }, /hardware.sbiPortTo/],
    [{ lists: { countCap: 0 } }, /lists.countCap/],
    [{ web: { maxConnections: 0 } }, /web.maxConnections/],
    [{ web: { headersTimeoutSeconds: 30, requestTimeoutSeconds: 10 } }, /headersTimeoutSeconds must not be above/],
    [{ session: { absoluteSeconds: 10 } }, /session.absoluteSeconds/],
    [{ lockout: { adminBackoffSeconds: 600, adminMaxBackoffSeconds: 60 } }, /adminBackoffSeconds must not be above/],
    [{ lockout: { maxWrongCurrentPasswords: 0 } }, /lockout.maxWrongCurrentPasswords/],
    [
      { smtp: { host: 'smtp.example.org', port: 587, allowSelfSigned: true } },
      /allowSelfSigned is only allowed for a loopback host/,
    ],
    [{ server: { hostNames: ['pms example'] } }, /server.hostNames.0/],
    [{ server: { rateLimits: { login: { perIp: 0, perAccount: 1 } } } }, /server.rateLimits.login.perIp/],
    [{ server: { tls: { certFile: 'server.crt' } } }, /server.tls.keyFile/],
    [[], /expected object|Invalid input/],
  ])('refuses %j with a message naming the field', (raw, message) => {
    expect(() => parseConfig(raw, 'config.json')).toThrow(ConfigError);
    expect(() => parseConfig(raw, 'config.json')).toThrow(message);
  });
});
