import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testWebHost } from '../helpers/web.ts';
import { ADMIN } from '../helpers/core.ts';

let web: Awaited<ReturnType<typeof testWebHost>>;
beforeAll(async () => {
  web = await testWebHost();
});
afterAll(() => web.close());

const call = (method: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${web.host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-partner-desk-launch': web.host.token,
      ...headers,
    },
    body,
  });
const counts = () => ({
  audit: (web.core.db.reader.prepare('SELECT COUNT(*) AS n FROM app_audit_log').get() as { n: number }).n,
  outbox: (web.core.db.reader.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
  users: (web.core.db.reader.prepare('SELECT COUNT(*) AS n FROM app_user').get() as { n: number }).n,
});

/** Raw HTTP so the Host header can be forged (fetch refuses to). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.host.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host wire: good calls', () => {
  it('answers a contract call with the core result', async () => {
    const res = await call('system.info', JSON.stringify({ input: {} }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: { setupRequired: true } });
  });

  it('keeps the launch token in the URL fragment (never sent) and serves the UI, without a cookie, with a strict CSP', async () => {
    expect(web.host.url).toBe(`${web.host.origin}/#launch=${web.host.token}`);
    const page = await fetch(web.host.url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('web host wire: bad input gets a clear error, no crash, nothing written', () => {
  it.each([
    ['malformed JSON', 'system.info', '{"input": ', {}, 400, 'PD_RPC_001'],
    ['a JSON array', 'system.info', '[1,2]', {}, 400, 'PD_RPC_001'],
    ['a JSON string', 'setup.createAdmin', '"hello"', {}, 400, 'PD_RPC_001'],
    ['not JSON content type', 'system.info', '{}', { 'content-type': 'text/plain' }, 415, 'PD_RPC_001'],
    ['an unknown method', 'admin.dropDatabase', '{}', {}, 404, 'PD_RPC_003'],
    ['a prototype key as method', '__proto__', '{}', {}, 404, 'PD_RPC_003'],
    [
      'a missing launch token',
      'setup.createAdmin',
      JSON.stringify({ input: ADMIN }),
      { 'x-partner-desk-launch': '' },
      401,
      'PD_RPC_004',
    ],
    [
      'a wrong launch token',
      'setup.createAdmin',
      JSON.stringify({ input: ADMIN }),
      { 'x-partner-desk-launch': 'guess' },
      401,
      'PD_RPC_004',
    ],
    ['a foreign origin', 'system.info', '{}', { origin: 'http://evil.example' }, 403, 'PD_RPC_005'],
    ['wrong types', 'setup.createAdmin', JSON.stringify({ input: { ...ADMIN, firstName: 7 } }), {}, 200, 'PMS_COR_002'],
    ['missing fields', 'setup.createAdmin', JSON.stringify({ input: { firstName: 'A' } }), {}, 200, 'PMS_COR_002'],
    [
      'extra fields',
      'setup.createAdmin',
      JSON.stringify({ input: { ...ADMIN, roles: ['PARTNER_ADMIN'] } }),
      {},
      200,
      'PMS_COR_002',
    ],
  ] as const)('%s', async (_label, method, body, headers, status, code) => {
    const before = counts();
    const res = await call(method, body, headers);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(json.ok).toBe(false);
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
    expect(counts().users).toBe(before.users);
    expect(counts().outbox).toBe(before.outbox);
  });

  it('refuses an oversized payload with 413 before reading it all', async () => {
    const before = counts();
    const big = JSON.stringify({ input: { ...ADMIN, address: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await call('setup.createAdmin', big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PD_RPC_002');
    expect(counts()).toEqual(before);
  });

  it('refuses a forged Host header (DNS rebinding) and a page load without the token', async () => {
    expect(await rawGet('/', { host: `evil.example:${web.host.port}` })).toBe(403);
    expect(await rawGet('/', { host: `127.0.0.1:${web.host.port}` })).toBe(200); // the page holds no data
    expect(await rawGet('/../../etc/passwd', { host: `127.0.0.1:${web.host.port}` })).toBe(404);
    expect(await rawGet('/%2e%2e/%2e%2e/etc/passwd', { host: `127.0.0.1:${web.host.port}` })).toBe(404);
  });

  it('keeps serving after all of the above', async () => {
    const res = await call('system.info', JSON.stringify({ input: {} }));
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});

describe('web host events', () => {
  it('refuses a socket without the launch token, and one without a signed-in session hears nothing', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${web.host.port}/api/events`, {
      origin: web.host.origin,
    });
    const refusal = await new Promise<string>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      refused.on('error', (e) => resolve(e.message));
    });
    expect(refusal).toMatch(/403/);

    // The launch token alone opens the socket, but it must name a session before it hears anything.
    const ws = new WebSocket(
      `ws://127.0.0.1:${web.host.port}/api/events`,
      ['partner-desk', `launch.${web.host.token}`],
      { origin: web.host.origin },
    );
    await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)));
    const heard: unknown[] = [];
    ws.on('message', (m) => heard.push(JSON.parse(String(m))));
    const closed = new Promise<[number, string]>((resolve) =>
      ws.on('close', (code, reason) => resolve([code, String(reason)])),
    );
    await call('setup.createAdmin', JSON.stringify({ input: ADMIN }));
    ws.send(JSON.stringify({ session: 'not-a-session' }));
    expect(await closed).toEqual([4401, 'PD_AUTH_003']);
    expect(heard).toEqual([]);
  });
});
