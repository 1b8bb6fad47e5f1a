import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../main/core/config.ts';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { startServerHost } from '../../main/hosts/server/server.ts';
import { serverTls } from '../../main/hosts/server/tls.ts';
import { ADMIN, partnerInput } from '../helpers/core.ts';
import { fixtureUi, httpsCall, pinnedOptions, testServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

const LIMITS = {
  server: {
    rateLimits: {
      windowSeconds: 60,
      login: { perIp: 5, perAccount: 3 },
      registration: { perIp: 4, perAccount: 2 },
      passwordReset: { perIp: 3, perAccount: 2 },
    },
  },
};

let s: TestServer;
/** The rate limiter's clock: real time plus what a test moves it by. */
let offsetMs = 0;
beforeAll(async () => {
  s = await testServer({ config: LIMITS, now: () => Date.now() + offsetMs });
});
afterAll(() => s.close());

const pin = () => pinnedOptions(s.caPem, s.tls!.fingerprint256);
const json = (body: unknown) => JSON.stringify(body);
const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  httpsCall(s.host.port, `/api/call/${method}`, {
    ...pin(),
    headers: { host: `localhost:${s.host.port}`, 'content-type': 'application/json', ...headers },
    body: json({ input }),
  });
const count = (sql: string) => s.core.db.reader.prepare(sql).pluck().get() as number;
type Body = {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
};

describe('server host: TLS issued at first start, pinned by fingerprint', () => {
  it('issues a certificate from the signing CA for the host names, keeps its key wrapped and reuses it at the next start', async () => {
    expect(s.tls!.source).toBe('issued');
    const leaf = new X509Certificate(s.tls!.cert);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.verify(new X509Certificate(s.caPem).publicKey)).toBe(true);
    expect(s.tls!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const wrapped = readFileSync(join(s.dataDir, 'tls', 'server.key.wrapped'));
    expect(wrapped.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(statSync(join(s.dataDir, 'tls', 'server.key.wrapped')).mode & 0o077).toBe(0);
    const again = await serverTls(s.core, ['localhost', '127.0.0.1']);
    expect(again.source).toBe('stored');
    expect(again.fingerprint256).toBe(s.tls!.fingerprint256);
    // A new host name is not covered: a new certificate, so a new fingerprint to pin.
    const renamed = await serverTls(s.core, ['localhost', '127.0.0.1', 'pms.registry.example']);
    expect(renamed.source).toBe('issued');
    expect(renamed.fingerprint256).not.toBe(s.tls!.fingerprint256);
  });

  it('answers a client that pins the fingerprint, and a client pinning another fingerprint or trusting nothing refuses the server', async () => {
    const ok = await httpsCall(s.host.port, '/healthz', pin());
    expect(ok).toMatchObject({ status: 200, json: { status: 'ok' } });
    const otherPin = pinnedOptions(
      s.caPem,
      s.tls!.fingerprint256.replace(/^../, s.tls!.fingerprint256.startsWith('00') ? '11' : '00'),
    );
    await expect(httpsCall(s.host.port, '/healthz', otherPin)).rejects.toThrow(/not the pinned one/);
    await expect(httpsCall(s.host.port, '/healthz', {})).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
    // Asked for a name the certificate does not carry, the host name check fails before the pin.
    await expect(httpsCall(s.host.port, '/healthz', { ...pin(), servername: 'other.example' })).rejects.toThrow(
      /altnames|Hostname/i,
    );
  });

  it('uses a certificate from config.json, and refuses one whose key does not match, that misses a host name or is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-server-own-tls-'));
    writeFileSync(join(dir, 'cert.pem'), s.tls!.cert);
    writeFileSync(join(dir, 'key.pem'), s.tls!.key);
    writeFileSync(
      join(dir, 'other.pem'),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
    );
    const withTls = (keyFile: string, certFile = 'cert.pem') =>
      openCore({
        hardware: createHardwareHub,
        dataDir: dir,
        publicUrl: 'https://localhost/',
        config: parseConfig({ server: { tls: { certFile, keyFile } } }),
        log: () => undefined,
      });
    const own = withTls('key.pem');
    try {
      const tls = await serverTls(own, ['localhost', '127.0.0.1']);
      expect(tls.source).toBe('config');
      expect(tls.fingerprint256).toBe(s.tls!.fingerprint256);
      await expect(serverTls(own, ['pms.example.org'])).rejects.toThrow(/does not name every host name/);
    } finally {
      own.close();
    }
    for (const [keyFile, certFile, message] of [
      ['other.pem', 'cert.pem', /does not belong/],
      ['key.pem', 'missing.pem', /cannot read missing.pem/],
    ] as const) {
      const core = withTls(keyFile, certFile);
      await expect(serverTls(core, ['localhost'])).rejects.toThrow(message);
      core.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to serve plain HTTP anywhere but loopback', async () => {
    await expect(
      startServerHost({
        core: s.core,
        port: 0,
        bind: '0.0.0.0',
        tls: null,
        hostNames: ['pms.example'],
        rendererDir: fixtureUi(s.dataDir),
        log: () => undefined,
      }),
    ).rejects.toThrow(/loopback/);
  });
});

describe('server host: bearer sessions over HTTPS', () => {
  let token = '';
  it('a partner registers and signs in; the bearer session works and nothing else stands for it', async () => {
    const reg = (await call('auth.register', partnerInput(1))).json as Body;
    expect(reg).toMatchObject({ ok: true, result: { approvalStatus: 'InProgress' } });
    const login = (await call('auth.login', { login: 'partner-1', password: partnerInput(1).password })).json as Body;
    expect(login.ok).toBe(true);
    token = String(login.result!.token);
    const me = (await call('session.me', {}, { authorization: `Bearer ${token}` })).json as Body;
    expect(me).toMatchObject({ ok: true, result: { userId: 'partner-1' } });
    // The web host's header and a cookie are not sessions here.
    const notSessions: Array<Record<string, string>> = [
      { 'x-partner-desk-session': token },
      { cookie: `pd_session=${token}` },
      { authorization: `Basic ${token}` },
      { authorization: `Bearer ${'x'.repeat(600)}` },
    ];
    for (const headers of notSessions) {
      expect(((await call('session.me', {}, headers)).json as Body).error?.code).toBe('PD_AUTH_003');
    }
  });

  it('serves the UI marked for online mode with a strict CSP that allows only its own wss: origin', async () => {
    const page = await httpsCall(s.host.port, '/', {
      ...pin(),
      headers: { host: `localhost:${s.host.port}` },
    });
    expect(page.status).toBe(200);
    expect(String(page.json)).toContain('<meta name="partner-desk-host" content="server">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' wss://localhost:${s.host.port}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('reports liveness and readiness', async () => {
    expect(await httpsCall(s.host.port, '/readyz', pin())).toMatchObject({
      status: 200,
      json: { status: 'ready' },
    });
  });

  it('logs one JSON object per request with method, status and time, and never the token or the password', () => {
    const line = s.logLines.find((l) => l.call === 'auth.login');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/api/call/auth.login',
      status: 200,
    });
    expect(typeof line!.ms).toBe('number');
    const all = JSON.stringify(s.logLines);
    expect(all).not.toContain(token);
    expect(all).not.toContain(partnerInput(1).password);
  });
});

describe('server host: bad input gets a stable code, nothing is written', () => {
  it.each([
    ['no bearer on a session method', 'session.me', {}, {}, 200, 'PD_AUTH_003'],
    ['a forged Host (DNS rebinding)', 'system.info', {}, { host: 'evil.example' }, 403, 'PD_RPC_005'],
    ['a foreign Origin', 'system.info', {}, { origin: 'https://evil.example' }, 403, 'PD_RPC_005'],
    ['the plain-HTTP origin of the same host', 'system.info', {}, { origin: 'http://localhost' }, 403, 'PD_RPC_005'],
    ['an unknown method', 'admin.dropDatabase', {}, {}, 404, 'PD_RPC_003'],
    ['a prototype key as method', '__proto__', {}, {}, 404, 'PD_RPC_003'],
    ['a hardware method (the server has no devices)', 'hardware.usb.list', {}, {}, 403, 'PD_RPC_005'],
    ['not JSON', 'system.info', {}, { 'content-type': 'text/plain' }, 415, 'PD_RPC_001'],
  ] as const)('%s', async (_label, method, input, headers, status, code) => {
    const audit = count('SELECT COUNT(*) FROM app_audit_log');
    const users = count('SELECT COUNT(*) FROM app_user');
    const res = await call(method, input, headers);
    expect(res.status).toBe(status);
    expect((res.json as Body).error!.code).toBe(code);
    expect((res.json as Body).error!.message.length).toBeGreaterThan(5);
    expect(count('SELECT COUNT(*) FROM app_user')).toBe(users);
    if (status !== 200) expect(count('SELECT COUNT(*) FROM app_audit_log')).toBe(audit);
  });

  it('refuses a body over the limit with 413 before reading it all', async () => {
    const before = count('SELECT COUNT(*) FROM app_audit_log');
    const res = await call('auth.register', {
      ...partnerInput(2),
      address: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect((res.json as Body).error!.code).toBe('PD_RPC_002');
    expect(count('SELECT COUNT(*) FROM app_audit_log')).toBe(before);
  });

  it('limits sign-in per account and per address with PD_RPC_007 and Retry-After; a refused attempt reaches no account', async () => {
    const wrong = { login: ADMIN.username, password: 'Wrong-Pass-1!' };
    for (let i = 0; i < 3; i += 1)
      expect(((await call('auth.login', wrong)).json as Body).error!.code).toBe('PD_AUTH_001');
    const failures = count("SELECT failed_logins FROM app_user WHERE id = 'admin'");
    const limited = await call('auth.login', wrong);
    expect(limited.status).toBe(429);
    expect((limited.json as Body).error!.code).toBe('PD_RPC_007');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(count("SELECT failed_logins FROM app_user WHERE id = 'admin'")).toBe(failures);
    // Another account from the same address: allowed until the address' own limit (5, one used by partner-1 above).
    expect(
      ((await call('auth.login', { login: 'partner-9', password: 'Wrong-Pass-1!' })).json as Body).error!.code,
    ).toBe('PD_AUTH_001');
    const address = await call('auth.login', { login: 'partner-8', password: 'Wrong-Pass-1!' });
    expect(address.status).toBe(429);
    expect((address.json as Body).error!.code).toBe('PD_RPC_007');
    // Moving the clock past the window lets the address in again.
    offsetMs += 61_000;
    expect(
      ((await call('auth.login', { login: 'partner-8', password: 'Wrong-Pass-1!' })).json as Body).error!.code,
    ).toBe('PD_AUTH_001');
  });

  it('limits registration and password reset per account', async () => {
    const users = count('SELECT COUNT(*) FROM app_user');
    const same = partnerInput(3);
    expect(((await call('auth.register', { ...same, phone: 'bad' })).json as Body).ok).toBe(false);
    expect(((await call('auth.register', { ...same, phone: 'bad' })).json as Body).ok).toBe(false);
    expect(((await call('auth.register', same)).json as Body).error!.code).toBe('PD_RPC_007');
    expect(count('SELECT COUNT(*) FROM app_user')).toBe(users);
    for (let i = 0; i < 2; i += 1)
      expect(((await call('auth.requestPasswordReset', { email: 'pat3@org3.example' })).json as Body).ok).toBe(true);
    const reset = await call('auth.requestPasswordReset', { email: 'PAT3@org3.example' });
    expect(reset.status).toBe(429);
  });

  it('keeps serving after all of the above', async () => {
    expect(((await call('system.info', {})).json as Body).ok).toBe(true);
  });
});

describe('server host: events over wss:// to signed-in sessions only', () => {
  const open = (protocols: string[] = [], headers: Record<string, string> = {}) =>
    new WebSocket(`wss://127.0.0.1:${s.host.port}/api/events`, protocols, {
      ...pin(),
      ...({ servername: 'localhost' } as object),
      headers: { host: `localhost:${s.host.port}`, ...headers },
    });
  const opened = (ws: WebSocket) =>
    new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  const messages = (ws: WebSocket) => {
    const got: unknown[] = [];
    ws.on('message', (m) => got.push(JSON.parse(String(m))));
    return got;
  };
  const adminToken = async () =>
    String(
      ((await call('auth.login', { login: ADMIN.username, password: ADMIN.password })).json as Body).result!.token,
    );
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('delivers data.changed to sockets signed in by message or by subprotocol, not to anonymous or signed-out ones', async () => {
    const token = await adminToken();
    const byMessage = open();
    const bySubprotocol = open(['partner-desk', `bearer.${token}`]);
    const anonymous = open();
    await Promise.all([opened(byMessage), opened(bySubprotocol), opened(anonymous)]);
    expect(bySubprotocol.protocol).toBe('partner-desk');
    const [gotMessage, gotSubprotocol, gotAnonymous] = [
      messages(byMessage),
      messages(bySubprotocol),
      messages(anonymous),
    ];
    const anonymousClosed = new Promise<[number, string]>((resolve) =>
      anonymous.once('close', (code, reason) => resolve([code, String(reason)])),
    );
    byMessage.send(json({ type: 'auth', session: token }));
    anonymous.send(json({ type: 'auth', session: 'not-a-session' }));
    await settle();
    expect(gotMessage).toEqual([{ type: 'auth', ok: true }]);
    // a refused session ends the channel, as on the web host
    expect(await anonymousClosed).toEqual([4401, 'PD_AUTH_003']);
    expect(gotAnonymous).toEqual([]);

    const group = (name: string, bearer: string) =>
      call('policyGroups.create', { name, description: 'Events test' }, { authorization: `Bearer ${bearer}` });
    expect(((await group('events-1', token)).json as Body).ok).toBe(true);
    await settle();
    const changed = { event: 'data.changed', payload: { topic: 'policies' } };
    expect(gotMessage).toContainEqual(changed);
    expect(gotSubprotocol).toContainEqual(changed);
    expect(gotAnonymous).not.toContainEqual(changed);

    // Signed out: the same socket hears nothing more.
    expect(((await call('auth.logout', {}, { authorization: `Bearer ${token}` })).json as Body).ok).toBe(true);
    const other = await adminToken();
    const before = gotMessage.length;
    expect(((await group('events-2', other)).json as Body).ok).toBe(true);
    await settle();
    expect(gotMessage.length).toBe(before);
    for (const ws of [byMessage, bySubprotocol, anonymous]) ws.close();
  });

  it('refuses a foreign origin, a forged Host and anything but auth messages', async () => {
    const refused: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { host: 'evil.example' }];
    for (const headers of refused) {
      const ws = open([], headers);
      await expect(opened(ws)).rejects.toThrow(/403/);
    }
    const ws = open();
    await opened(ws);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"type":"subscribe","topic":"*"}');
    expect(await closed).toBe(1003);
  });
});
