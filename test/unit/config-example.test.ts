import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../main/core/config.ts';

describe('config.json', () => {
  it('the shipped example is valid', () => {
    const example: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/config.example.json'), 'utf8'));
    expect(parseConfig(example).smtp?.host).toBe('smtp.example.org');
  });

  it('defaults to MOSIP timings: 25 min inactivity with a prompt 5 min before', () => {
    const c = parseConfig({});
    expect(c.session).toEqual({ inactivitySeconds: 1500, promptSeconds: 300 });
    expect(c.smtp).toBeUndefined();
  });

  it.each([
    [{ session: { inactivitySeconds: 'soon' } }, /session.inactivitySeconds/],
    [{ session: { inactivitySeconds: 60, promptSeconds: 60 } }, /promptSeconds must be less/],
    [{ smtp: { host: '', port: 25 } }, /smtp.host/],
    [{ smtp: { host: 'x', port: 70000 } }, /smtp.port/],
    [{ unknownSetting: true }, /unrecognized|Unrecognized/],
    [{ hardware: { sbiPortFrom: 4600, sbiPortTo: 4501 } }, /sbiPortFrom must not be above/],
    [{ hardware: { sbiPortTo: 0 } }, /hardware.sbiPortTo/],
    [{ lists: { countCap: 0 } }, /lists.countCap/],
    [{ server: { hostNames: ['pms example'] } }, /server.hostNames.0/],
    [{ server: { rateLimits: { login: { perIp: 0, perAccount: 1 } } } }, /server.rateLimits.login.perIp/],
    [{ server: { tls: { certFile: 'server.crt' } } }, /server.tls.keyFile/],
    [[], /expected object|Invalid input/],
  ])('refuses %j with a message naming the field', (raw, message) => {
    expect(() => parseConfig(raw, 'config.json')).toThrow(ConfigError);
    expect(() => parseConfig(raw, 'config.json')).toThrow(message);
  });
});
